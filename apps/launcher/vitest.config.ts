import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['glaceon-source'] },
  test: {
    name: 'launcher-dom',
    environment: 'jsdom',
    include: ['src/renderer/**/*.test.{ts,tsx}'],
    passWithNoTests: true,
  },
});
