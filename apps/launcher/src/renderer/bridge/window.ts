import type { GlaceonBridge } from '../../common/index.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload, or installed by the dev-bridge shim in a plain browser. */
    glaceon?: GlaceonBridge;
  }
}
export {};
