import { createDevBridgeClient } from './bridge/dev-bridge-client.js';
import './bridge/window.js';
import { mountApp } from './mount.js';
import { createClientBackend } from './net/client-backend.js';
import { createAppStore } from './store/index.js';
import { wireBridge } from './store/wire-bridge.js';

/**
 * Boot: pick the bridge (Electron's preload, else the dev bridge). The preview
 * mode has its own entry and build (`preview/preview-main.tsx`) so its
 * fixtures never ship in this bundle.
 */
async function boot() {
  // In a plain browser there is no preload: install the dev-bridge shim so the app code stays the same.
  window.glaceon ??= createDevBridgeClient();
  const bridge = window.glaceon;
  const store = createAppStore({ bridge, backend: createClientBackend(), now: () => Date.now(), memory: window.sessionStorage });

  wireBridge(store, bridge);
  // First paint does not wait for the bridge: the shell renders now ("Signing you back in…"),
  // and the session (settings, stored token: bridge round trips) is restored behind it.
  mountApp(store);
  await store.getState().restoreSession();
}
void boot();
