// One jest run for every tier; the tier is in the file name (`*.unit.spec.ts`, `*.int.spec.ts`,
// `*.e2e.spec.ts`, `*.browser.spec.ts`).
const swcConfig = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
  // .swcrc is the build's (it leaves specs out); tests use only this configuration.
  swcrc: false,
};

const { paths } = require('./tsconfig.base.json').compilerOptions;

const ESM_ONLY_DEPENDENCIES = ['@nestjs', 'canonicalize', '(@fastify/static/node_modules/)?content-disposition'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.[tj]s$': ['@swc/jest', swcConfig] },
  // Dependencies that ship ESM only. Node.js loads them from our CommonJS build with require(esm);
  // jest's module loader does that only under --experimental-vm-modules, so jest compiles them to
  // CommonJS instead.
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_DEPENDENCIES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The path aliases of tsconfig.base.json, the one place they are defined.
  moduleNameMapper: Object.fromEntries(
    Object.entries(paths).map(([alias, [target]]) => [`^${alias.replace(/[/.]/g, '\\$&')}$`, `<rootDir>/${target.replace(/^\.\//, '')}`]),
  ),

  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};
