// Lint: typescript-eslint's recommended rules, plus the runtime boundaries (README, Architecture) and the core's layers
// (test/unit/boundaries.test.ts checks the same on the source text).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'This layer runs in a browser or a sandbox: no Node built-ins.' };

/**
 * Layers inside src/main/core, bottom up (test/unit/boundaries.test.ts checks the same on the source text):
 *  - lib: generic pieces (event bus, batcher, clock, disposables, backoff…): imports nothing else of the core;
 *  - base: store/, secrets/ and the root helpers below: import lib and each other;
 *  - features: one folder each; import lib and base, never another feature or the composition;
 *  - composition: create-core.ts, open-core.ts, direct-api.ts, index.ts: import everything, and only compose.
 */
const FEATURES = ['links', 'messages', 'alerts', 'operations', 'history', 'timeline', 'onboarding'];
const BASE_FILES = ['core-error', 'logger', 'contract-dispatch', 'link-config'];
const COMPOSITION = ['create-core', 'open-core', 'direct-api', 'index'];
const noElectron = { name: 'electron', message: 'The core is Electron-free: wire Electron in src/main/electron.' };
const composition = {
  regex: `^(\\.\\./)+(${COMPOSITION.join('|')})$`,
  message: 'Only the composition root imports create-core, open-core, direct-api or index.',
};
const featuresExcept = (own) => ({
  regex: `^(\\.\\./)+(${FEATURES.filter((f) => f !== own).join('|')})(/|$)`,
  message: 'A feature imports lib and store, never another feature: talk through the event bus or a port in lib.',
});

function coreLayers() {
  const restrict = (files, patterns) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns }] },
  });
  return [
    restrict(['src/main/core/**'], []),
    restrict(['src/main/core/lib/**'], [{ regex: '^\\.\\./(?!\\.\\./\\.\\./shared/)', message: 'lib is the bottom layer: it imports nothing else of the core.' }]),
    restrict(
      ['src/main/core/store/**', 'src/main/core/secrets/**', ...BASE_FILES.map((f) => `src/main/core/${f}.ts`)],
      [featuresExcept(null), composition],
    ),
    ...FEATURES.map((feature) => restrict([`src/main/core/${feature}/**`], [featuresExcept(feature), composition])),
  ];
}

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
  ...coreLayers(),
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
