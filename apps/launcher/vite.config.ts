import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Prints the renderer's JavaScript size, raw and gzipped, after every build (the budget is watched in review). */
function reportGzipSize(outDir: string): Plugin {
  return {
    name: 'glaceon-gzip-size',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets');
      let raw = 0;
      let gz = 0;
      for (const file of readdirSync(assets).filter((f) => f.endsWith('.js'))) {
        const bytes = readFileSync(join(assets, file));
        raw += statSync(join(assets, file)).size;
        gz += gzipSync(bytes, { level: 9 }).length;
      }
      console.log(`renderer JS: ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzipped`);
    },
  };
}

/**
 * Moves the stylesheet from <head> to the end of <body>: a stylesheet in <head> holds back
 * every paint, one after #root holds back only what follows it, so the static "Glaceon"
 * in index.html paints at once. Scripts still wait for it, so React never renders unstyled.
 */
function stylesheetAfterRoot(): Plugin {
  return {
    name: 'glaceon-stylesheet-after-root',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const links = html.match(/\s*<link rel="stylesheet"[^>]*>/g) ?? [];
        let out = html;
        for (const link of links) out = out.replace(link, '');
        return out.replace('</body>', `${links.map((l) => l.trim()).join('\n    ')}\n  </body>`);
      },
    },
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * One renderer build per entry: the product (main.tsx -> dist-renderer) and
 * the preview (vite.preview.config.ts -> dist-preview). Each bundle holds only
 * what its entry imports, so preview fixtures never ship.
 */
export function rendererConfig(outDirName: string, extraPlugins: Plugin[] = []) {
  const outDir = join(root, outDirName);
  return defineConfig({
    // Relative asset paths so the packaged app loads index.html from file://.
    root,
    base: './',
    plugins: [react(), ...extraPlugins, stylesheetAfterRoot(), reportGzipSize(outDir)],
    resolve: { conditions: ['glaceon-source'] },
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: true },
    server: { host: '127.0.0.1', port: 5173, strictPort: true },
  });
}

export default rendererConfig('dist-renderer');
