import { defineConfig } from 'vite';

/** Sandboxed preloads cannot import local files: bundle src/preload into one CommonJS file, electron external. */
export default defineConfig({
  resolve: { conditions: ['glaceon-source'] },
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    lib: { entry: 'src/preload/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});
