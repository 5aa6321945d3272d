import type { Plugin } from 'vite';
import { rendererConfig } from './vite.config.js';

const PRODUCT_ENTRY = '/src/renderer/main.tsx';
const PREVIEW_ENTRY = '/src/renderer/preview/preview-main.tsx';

/** The product's index.html (same CSP, same markup), booting the preview entry instead of main.tsx. */
function previewEntry(): Plugin {
  return {
    name: 'glaceon-preview-entry',
    transformIndexHtml: {
      // Before Vite reads the page's scripts, so only the preview entry is bundled.
      order: 'pre',
      handler(html) {
        if (!html.includes(PRODUCT_ENTRY)) throw new Error(`index.html no longer loads ${PRODUCT_ENTRY}: update vite.preview.config.ts`);
        return html.replace(PRODUCT_ENTRY, PREVIEW_ENTRY).replace('<title>Glaceon</title>', '<title>Glaceon (preview)</title>');
      },
    },
  };
}

/** The preview (`?preview=<scene>`: fixtures, no network): built only for screenshots and design review, never shipped. */
export default rendererConfig('dist-preview', [previewEntry()]);
