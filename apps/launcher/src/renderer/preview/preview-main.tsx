import { DEFAULT_SETTINGS } from '../../common/index.js';
import '../bridge/window.js';
import { mountApp } from '../mount.js';
import { createAppStore } from '../store/index.js';
import { wireBridge } from '../store/wire-bridge.js';
import { createMemoryBridge } from './memory-bridge.js';
import { createPreviewBackend } from './preview-backend.js';
import { PREVIEW_SCENES, seedPreview, type PreviewScene } from './scenes.js';

/**
 * The preview entry (`?preview=<scene>` on the dist-preview build): fixtures, no network, no
 * OS, for design review and docs/screenshots. Built on its own
 * (vite.preview.config.ts) so none of it is in the product bundle.
 */
async function boot() {
  const param = new URLSearchParams(location.search).get('preview');
  const scene: PreviewScene = PREVIEW_SCENES.includes(param as PreviewScene) ? (param as PreviewScene) : PREVIEW_SCENES[0];
  const memory = createMemoryBridge({
    settings: { onyxPath: '/opt/onyx/onyx' },
    session: { token: 'preview-token-preview-token', playerId: 'p_aurora', displayName: 'aurora', backendUrl: DEFAULT_SETTINGS.backendUrl },
  });
  // Electron's preload (if any) keeps its bridge; the scene still seeds through the memory one.
  window.glaceon ??= memory;
  const bridge = window.glaceon;
  const store = createAppStore({ bridge, backend: createPreviewBackend(), now: () => Date.now() });

  wireBridge(store, bridge);
  await store.getState().restoreSession();
  seedPreview(store, memory, scene);
  mountApp(store);
}
void boot();
