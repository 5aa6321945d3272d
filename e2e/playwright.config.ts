import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the launcher against the whole stack. One worker: the
 * stack (Redis, Realm, Corals behind nginx, Moonstones) is started once per
 * worker and this machine has two cores. Screenshots of every step go to
 * e2e/artifacts/screenshots/<spec>/, traces of failures to e2e/test-results/.
 */
export default defineConfig({
  testDir: './specs',
  globalSetup: './global-setup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../.test-results/playwright.json' }]],
  outputDir: './test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
  },
});
