import { defineConfig } from 'vitest/config';

/** DOM tests of the renderer (store slices and components) in jsdom; node-side tests run in the root node project. */
export default defineConfig({
  resolve: { conditions: ['glaceon-source'] },
  test: {
    name: 'launcher-dom',
    environment: 'jsdom',
    include: ['src/renderer/**/*.test.{ts,tsx}'],
    setupFiles: ['src/renderer/test/setup.ts'],
    // jsdom plus typed-in user events are CPU-bound: beside the integration suites on two cores a
    // sign-in form took 5.7 s. The budget is for a slow machine, not a hidden wait (nothing sleeps).
    testTimeout: 15_000,
  },
});
