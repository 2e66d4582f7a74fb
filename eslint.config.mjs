// Lint: typescript-eslint's recommended rules, plus the runtime boundaries of DESIGN.md as import restrictions
// (test/unit/boundaries.test.ts checks the same on the source text).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'This layer runs in a browser or a sandbox: no Node built-ins.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'examples/**', '.native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name="only"]', message: 'No .only in committed tests.' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'ws', 'better-sqlite3', 'react', 'react-dom'],
          patterns: [nodeBuiltins, { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/agent-kit/**'], message: 'shared depends on nothing.' }],
        },
      ],
    },
  },
  {
    files: ['src/main/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The core is Electron-free: wire Electron in src/main/electron.' }] }],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'ws', 'better-sqlite3'],
          patterns: [nodeBuiltins, { group: ['**/main/**', '**/preload/**', '**/agent-kit/**'], message: 'The renderer talks to main only through lib/api.ts.' }],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
