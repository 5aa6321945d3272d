import type { GlaceonBridge } from '../../common/index.js';
import type { AppStore } from './index.js';

/**
 * Connects the OS side to the store at boot, before anyone signs in: Onyx
 * states, and deep links (including those that started the app), so a link
 * opened while signed out is not lost but held until sign-in.
 */
export function wireBridge(store: AppStore, bridge: GlaceonBridge): () => void {
  const offOnyx = bridge.onOnyxState((state) => store.getState().setOnyxState(state));
  const offLinks = bridge.onDeepLink((url) => store.getState().receiveDeepLink(url));
  void bridge.getOnyxState().then((state) => store.getState().setOnyxState(state));
  void bridge.takeDeepLinks().then((links) => links.forEach((url) => store.getState().receiveDeepLink(url)));
  return () => {
    offOnyx();
    offLinks();
  };
}
