import { rendererConfig } from './vite.config.js';

/** The preview page (fixtures, no network): built only for screenshots and design review, never shipped. */
export default rendererConfig('preview.html', 'dist-preview');
