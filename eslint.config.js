// Lint: typescript-eslint's recommended rules plus import boundaries that keep
// each runtime's code where it can run (see CONVENTIONS: common/node/browser/electron).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = { paths: nodeBuiltins.map((name) => ({ name, message: 'This code must run in a browser: no Node built-ins here.' })) };
const noElectron = { name: 'electron', message: 'Electron belongs in apps/launcher/src/main and src/preload only.' };
const noServerLibs = ['ioredis', 'fastify', 'ws'].map((name) => ({ name, message: 'Server-side library: not allowed in browser code.' }));
const byName = { group: ['**/packages/*/src/**', '**/apps/*/src/**'], message: 'Import workspace packages by name, not by path.' };

// @glaceon/store is the only gateway to Redis (docs/redis.md, "Conventions"): outside
// packages/store nobody opens a Redis client, builds a key string or binds a Lua script.
const storeOnly = 'Only packages/store talks to Redis: call a @glaceon/store domain function (or add one).';
const storeGateway = {
  paths: [
    { name: 'ioredis', message: storeOnly },
    { name: '@glaceon/store/internal', message: `Key builders and Lua binding are internal to packages/store. ${storeOnly}` },
    { name: '@glaceon/store', importNames: ['keys', 'channels'], message: `Key strings and channels stay inside packages/store. ${storeOnly}` },
  ],
  patterns: [
    {
      group: ['@glaceon/store/**', '!@glaceon/store/testing', '!@glaceon/store/internal'],
      message: 'Import @glaceon/store by its entries (".", "./testing"), not by path.',
    },
  ],
};
const noStoreFixtures = { name: '@glaceon/store/testing', message: 'Test fixtures are for *.test.ts and test-support only.' };
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**', '**/testing/**', 'e2e/**'];
const rendererOnlyViaBridge = { group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches main only through window.glaceon.' };

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/dist-renderer/**',
      '**/dist-preview/**',
      '**/.typecheck/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      'docs/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [...storeGateway.paths, noStoreFixtures], patterns: [byName, ...storeGateway.patterns] }],
    },
  },
  {
    files: testFiles,
    rules: { 'no-restricted-imports': ['error', { paths: storeGateway.paths, patterns: [byName, ...storeGateway.patterns] }] },
  },
  {
    // The gateway itself; and testkit, which starts and inspects Redis servers for tests.
    files: ['packages/store/**', 'packages/testkit/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [byName] }] },
  },
  {
    // The protocol's main entry and the client run in browsers and Electron's sandboxed renderer.
    files: ['packages/protocol/src/**/*.ts', 'packages/client/src/**/*.ts'],
    ignores: ['packages/protocol/src/node/**', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...noNode.paths, noElectron, ...noServerLibs] }] },
  },
  {
    files: ['apps/launcher/src/common/**/*.{ts,tsx}', 'apps/launcher/src/renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { paths: [...noNode.paths, noElectron, ...noServerLibs], patterns: [rendererOnlyViaBridge] }] },
  },
  {
    // Product renderer code never reaches the preview's fixtures or test support: they must stay out of the shipped bundle.
    files: ['apps/launcher/src/renderer/**/*.{ts,tsx}'],
    ignores: ['apps/launcher/src/renderer/preview/**', 'apps/launcher/src/renderer/test/**', '**/*.test.ts', '**/*.test.tsx'],
    // Repeats the browser rule above: a later no-restricted-imports replaces an earlier one for the same files.
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode.paths, noElectron, ...noServerLibs],
          patterns: [
            rendererOnlyViaBridge,
            { group: ['**/preview/**', '**/test/**'], message: 'Preview fixtures and test support never ship: product code must not import them.' },
          ],
        },
      ],
    },
  },
  {
    // OS services are plain Node modules so tests can drive them without Electron.
    files: ['apps/launcher/src/main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/renderer/**'], message: 'Main never imports renderer code.' }] }],
    },
  },
  {
    // Playwright fixtures must destructure their (possibly empty) dependencies.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
