// One jest run for every tier; the tier is in the file name (`*.unit.spec.ts`, `*.int.spec.ts`,
// `*.e2e.spec.ts`, `*.browser.spec.ts`). Path aliases mirror tsconfig.base.json.
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
  moduleNameMapper: {
    '^@story-tracker/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@story-tracker/event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^@story-tracker/event-store/contract$': '<rootDir>/libs/event-store/src/contract/index.ts',
    '^@story-tracker/projections$': '<rootDir>/libs/projections/src/index.ts',
    '^@story-tracker/runtime$': '<rootDir>/libs/runtime/src/index.ts',
    '^@story-tracker/runtime/require-supported-node$': '<rootDir>/libs/runtime/src/node-version/require-supported-node.ts',
    '^@story-tracker/audit$': '<rootDir>/libs/audit/src/index.ts',
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};
