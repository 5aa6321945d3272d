import { createStore, type StoreApi } from 'zustand/vanilla';
import { createConnectionSlice } from './connection-slice.js';
import { createFriendsSlice } from './friends-slice.js';
import { createGameSlice } from './game-slice.js';
import { saveLastKnown } from './last-known.js';
import { createLobbySlice } from './lobby-slice.js';
import { createQueueSlice } from './queue-slice.js';
import { createSessionSlice } from './session-slice.js';
import { createSettingsSlice } from './settings-slice.js';
import { createProgressionSlice } from './progression-slice.js';
import { createCatalogSlice } from './catalog-slice.js';
import { createChatSlice } from './chat-slice.js';
import { createLatencySlice } from './latency-slice.js';
import type { AppState, StoreDeps } from './types.js';

export type AppStore = StoreApi<AppState>;
export type { AppState, StoreDeps } from './types.js';

/**
 * One store assembled from slice files. Each call builds a fresh store, so
 * tests never share state. Non-React code (socket handlers) uses
 * getState()/subscribe(); components read through narrow selectors.
 */
export function createAppStore(deps: StoreDeps): AppStore {
  const store = createStore<AppState>()((set, get, api) => ({
    ...createSessionSlice(deps)(set, get, api),
    ...createFriendsSlice(deps)(set, get, api),
    ...createLobbySlice(deps)(set, get, api),
    ...createQueueSlice(deps)(set, get, api),
    ...createGameSlice(deps)(set, get, api),
    ...createSettingsSlice(deps)(set, get, api),
    ...createConnectionSlice(deps)(set, get, api),
    ...createProgressionSlice(deps)(set, get, api),
    ...createChatSlice(deps)(set, get, api),
    ...createCatalogSlice(deps)(set, get, api),
    ...createLatencySlice(deps)(set, get, api),
    ui: { view: 'play' },
    setView: (view) => set({ ui: { view } }),
  }));
  store.subscribe((state, prev) => {
    // The queue list is loaded once signed in (and again after a failure, on the next sign-in).
    if (state.session.status === 'signed-in' && prev.session.status !== 'signed-in' && !state.catalog.loaded) void state.loadQueues();
    // New region list (Realm's, with the queues): measure each region's round trip now (then every five minutes).
    if (state.catalog.regions !== prev.catalog.regions && state.catalog.regions.some((r) => r.pingUrl)) void state.measureLatencies();
    // What the server confirmed is remembered for a reload (never what is itself still stale).
    if (
      !state.connection.stale &&
      state.session.status === 'signed-in' &&
      (state.lobby.current !== prev.lobby.current || state.lobby.invite !== prev.lobby.invite || state.friends.view !== prev.friends.view)
    )
      saveLastKnown(deps.memory, state, deps.now());
    // Coral follows the lobby: joining, leaving or a new endpoint (re)connects it.
    if (state.lobby.current?.id !== prev.lobby.current?.id || state.lobby.coralUrl !== prev.lobby.coralUrl) state.syncCoral();
    // The chat follows the lobby too: a new lobby's history is read (a member who joins sees what was said).
    if (state.session.status === 'signed-in' && state.lobby.current?.id !== state.chat.lobbyId && state.lobby.current?.id !== prev.lobby.current?.id)
      void state.loadLobbyChat();
    // A link that arrived while signed out is asked about once the player is in.
    if (state.session.status === 'signed-in' && state.lobby.heldInvite) {
      const token = state.lobby.heldInvite;
      store.setState({ lobby: { ...state.lobby, heldInvite: null } });
      void state.proposeJoin(token);
    }
  });
  return store;
}
