import { defineConfig } from 'vitest/config';

/** DOM tests of the renderer (store slices and components) in jsdom; node-side tests run in the root node project. */
export default defineConfig({
  resolve: { conditions: ['glaceon-source'] },
  test: {
    name: 'launcher-dom',
    environment: 'jsdom',
    include: ['src/renderer/**/*.test.{ts,tsx}'],
    setupFiles: ['src/renderer/test/setup.ts'],
  },
});
