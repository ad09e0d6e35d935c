// @ts-check
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import coreLayers from './eslint-rules/core-layers.js';

/**
 * The layers of packages/core/src, lowest first (see packages/core/README.md). A module imports its own
 * layer and lower ones; layers in one row sit beside each other and do not import one another; an import
 * cycle is an error too. `index` is the root barrel.
 */
export const CORE_LAYERS = [
  ['errors'],
  ['util'],
  ['kubeconfig'],
  ['transport'],
  ['api'],
  ['fanout', 'render', 'topology'],
  ['fleet'],
  ['index'],
];

/** Other packages use core only through its public exports. */
const coreDeepImports = {
  patterns: ['@kubectl-mc/core/src/*', '@kubectl-mc/core/dist/*', '**/packages/core/src/*'],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.cache/**',
      'test/e2e/artifacts/**',
      '**/fixtures/**',
      'packages/vscode-ext/.vscode-test/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Every package's sources are linted with their types too (each file's nearest tsconfig.json);
    // tests, scripts and bench keep the set without types.
    files: ['packages/*/src/**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Core stays pure: no UI, editor or CLI framework imports; and its layers stay in order.
    files: ['packages/core/src/**/*.ts'],
    plugins: { local: coreLayers },
    rules: {
      'local/core-layers': [
        'error',
        { root: path.join(import.meta.dirname, 'packages/core/src'), layers: CORE_LAYERS },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'ink', 'react', 'ink-testing-library'],
          patterns: ['@oclif/*', '@kubectl-mc/sim', '@kubectl-mc/sim/*'],
        },
      ],
    },
  },
  {
    // Other packages use core only through its public exports.
    files: [
      'packages/cli/**/*.{ts,tsx}',
      'packages/vscode-ext/**/*.ts',
      'test/**/*.ts',
      'bench/**/*.{ts,js}',
    ],
    rules: { 'no-restricted-imports': ['error', coreDeepImports] },
  },
  {
    // `get`, `contexts`, `lint` and completion start fast: each loads only the parts of core it uses.
    files: [
      'packages/cli/src/commands/**/*.ts',
      'packages/cli/src/lib/**/*.ts',
      'packages/cli/src/completion/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...coreDeepImports,
          paths: [
            {
              name: '@kubectl-mc/core',
              message:
                'Import the subpath that has it (@kubectl-mc/core/api, /render, /util, …): the root barrel loads all of core, the linter and ajv included.',
            },
          ],
        },
      ],
    },
  },
  {
    // `lint` also keeps the transport (http, tls, zlib: ~7 MB of start-up RSS) out: colour from lib/color.
    files: ['packages/cli/src/commands/lint.ts', 'packages/cli/src/lib/color.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...coreDeepImports,
          paths: [
            { name: '@kubectl-mc/core', message: 'Import the subpath that has it.' },
            {
              name: '@kubectl-mc/core/transport',
              message: 'lint needs no transport (start-up memory, issue 21).',
            },
            {
              name: '../lib/output.js',
              message: 'Use ../lib/color.js: output.js loads the transport through verbose.js (issue 21).',
            },
            {
              name: './output.js',
              message: 'color.ts imports nothing: lint loads only it (issue 21).',
            },
          ],
        },
      ],
    },
  },
);
