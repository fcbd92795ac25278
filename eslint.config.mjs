// The house rules that a tool can hold (../STYLE in the README): the layering of the monorepo, no import
// cycles, no console in the apps, and typescript-eslint's recommended checks. `npm test` runs it.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Each lib, and the libs it may import (through their public index.ts, by alias). */
const LIB_DEPENDENCIES = {
  domain: [],
  'event-store': ['domain'],
  projections: ['domain', 'event-store'],
  audit: ['domain', 'event-store'],
  'verifiable-log': ['event-store', 'projections'],
  runtime: ['domain', 'event-store', 'projections', 'verifiable-log'],
};
const LIBS = Object.keys(LIB_DEPENDENCIES);

/** A lib's public faces: what other folders may import of it. */
const PUBLIC_ENTRIES = {
  domain: ['index.ts'],
  'event-store': ['index.ts', 'contract/index.ts', 'postgres/testing/index.ts', 'kurrentdb/index.ts'],
  projections: ['index.ts'],
  audit: ['index.ts'],
  'verifiable-log': ['index.ts'],
  runtime: ['index.ts', 'node-version/require-supported-node.ts'],
};

const layering = [
  // A lib never imports an app, the bench or the tests, nor a lib that is not among its dependencies.
  ...LIBS.map((lib) => ({
    target: `./libs/${lib}`,
    from: ['./apps', './bench', './test', ...LIBS.filter((other) => other !== lib && !LIB_DEPENDENCIES[lib].includes(other)).map((other) => `./libs/${other}`)],
    message: `libs/${lib} may import only ${LIB_DEPENDENCIES[lib].join(', ') || 'nothing of ours'} (see LIB_DEPENDENCIES).`,
  })),
  // Outside a lib, only its public faces may be imported.
  ...LIBS.map((lib) => ({
    target: ['./apps', './bench', './test', ...LIBS.filter((other) => other !== lib).map((other) => `./libs/${other}`)],
    from: `./libs/${lib}/src`,
    except: PUBLIC_ENTRIES[lib].map((entry) => `./${entry}`),
    message: `Import libs/${lib} through @story-tracker/${lib} (its index.ts), not its internals.`,
  })),
  // The two apps do not lean on each other.
  { target: './apps/api', from: './apps/cli', message: 'The API does not import the CLI.' },
  { target: './apps/cli', from: './apps/api', message: 'The CLI does not import the API; share through a lib.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    // Nest's dependency injection reads constructor parameter types from decorator metadata: an import
    // used only in such a type is still needed at run time, and the type-import rule must know it.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    settings: {
      // no-cycle parses the files it follows; it needs to know that .ts files are modules.
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layering }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Structured logs only in what runs in production (the CLI writes to its own streams).
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
