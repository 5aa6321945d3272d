import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createDevBridgeClient } from './bridge/dev-bridge-client.js';
import { createMemoryBridge } from './bridge/memory-bridge.js';
import './bridge/window.js';
import { createClientBackend } from './net/client-backend.js';
import { createPreviewBackend } from './preview/preview-backend.js';
import { PREVIEW_SCENES, seedPreview, type PreviewScene } from './preview/scenes.js';
import { createAppStore } from './store/index.js';
import { DEFAULT_SETTINGS } from '../common/index.js';
import { StoreProvider } from './store/context.js';
import { wireBridge } from './store/wire-bridge.js';
import './styles/app.css';

/**
 * Boot: pick the bridge (Electron's preload, else the dev bridge), or the
 * preview mode (`?preview=<scene>`: fixtures, no network, no OS).
 */
async function boot() {
  const scene = new URLSearchParams(location.search).get('preview');
  const preview = PREVIEW_SCENES.includes(scene as PreviewScene) ? (scene as PreviewScene) : null;
  const memory = preview
    ? createMemoryBridge({
        settings: { onyxPath: '/opt/onyx/onyx' },
        session: { token: 'preview-token-preview-token', playerId: 'p_aurora', displayName: 'aurora', backendUrl: DEFAULT_SETTINGS.backendUrl },
      })
    : null;
  // In a plain browser there is no preload: install the dev-bridge shim so the app code stays the same.
  window.glaceon ??= memory ?? createDevBridgeClient();
  const bridge = window.glaceon;
  const store = createAppStore({ bridge, backend: preview ? createPreviewBackend() : createClientBackend(), now: () => Date.now() });

  wireBridge(store, bridge);
  await store.getState().restoreSession();
  if (preview && memory) seedPreview(store, memory, preview);

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
}
void boot();
