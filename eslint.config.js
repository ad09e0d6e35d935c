// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Core stays pure: no UI, editor or CLI framework imports.
    files: ['packages/core/src/**/*.ts'],
    rules: {
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
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@kubectl-mc/core/src/*', '@kubectl-mc/core/dist/*', '**/packages/core/src/*'] },
      ],
    },
  },
);
