import { initialProgression } from './progression-slice.js';
import { describeError } from '../net/errors.js';
import { initialFriends } from './friends-slice.js';
import { initialGame } from './game-slice.js';
import { forgetLastKnown, loadLastKnown } from './last-known.js';
import { initialLobby } from './lobby-slice.js';
import { initialBlocks, initialChat, initialMessages } from './chat-slice.js';
import { patchSlice } from './patch.js';
import { initialQueue } from './queue-slice.js';
import type { SessionSlice, SliceCreator } from './types.js';

export const initialSession: SessionSlice['session'] = {
  status: 'restoring',
  me: null,
  token: null,
  busy: false,
  error: null,
  protection: null,
  fresh: false,
};

export const createSessionSlice: SliceCreator<SessionSlice> =
  ({ backend, bridge, memory }) =>
  (set, get) => {
    // Any 401 for our session (HTTP, Realm's socket, Coral's) signs out with its reason.
    backend.onSessionEnded((reason) => {
      if (get().session.status === 'signed-in') get().resetAfterSignOut(reason);
    });

    async function begin(kind: 'signIn' | 'register', name: string, password: string): Promise<boolean> {
      patchSlice(set, 'session', { busy: true, error: null });
      try {
        const res = kind === 'signIn' ? await backend.signIn(name, password) : await backend.register(name, password);
        backend.setToken(res.token);
        const backendUrl = get().settings.values?.backendUrl ?? '';
        const saved = await bridge.saveSession({ token: res.token, playerId: res.player.id, displayName: res.player.name, backendUrl });
        patchSlice(set, 'session', {
          status: 'signed-in',
          me: res.player,
          token: res.token,
          busy: false,
          fresh: kind === 'register',
          protection: saved.ok ? saved.value.protection : null,
        });
        get().connect();
        return true;
      } catch (error) {
        patchSlice(set, 'session', { busy: false, error: describeError(error) });
        return false;
      }
    }

    return {
      session: initialSession,
      async restoreSession() {
        await get().loadSettings();
        const { session, protection } = await bridge.loadSession();
        const backendUrl = get().settings.values?.backendUrl;
        // A session belongs to the server that issued it; after a backend change, sign in again.
        if (!session || session.backendUrl !== backendUrl) {
          patchSlice(set, 'session', { status: 'signed-out', protection });
          return;
        }
        backend.setToken(session.token);
        patchSlice(set, 'session', {
          status: 'signed-in',
          me: { id: session.playerId, name: session.displayName },
          token: session.token,
          protection,
        });
        // Until Realm's snapshot arrives, show what it last confirmed (marked stale), not a wrong Home screen.
        const last = loadLastKnown(memory, session.playerId);
        if (last) {
          patchSlice(set, 'lobby', { current: last.lobby, coralUrl: last.coralUrl, invite: last.lobby ? last.invite : null });
          patchSlice(set, 'friends', { view: last.friends });
          patchSlice(set, 'connection', { stale: true });
        }
        // The server's snapshot (Realm, then Coral) puts us back where we were: lobby, queue, ready check or game.
        get().connect();
      },
      signIn: (name, password) => begin('signIn', name, password),
      register: (name, password) => begin('register', name, password),
      async signOut() {
        get().disconnect();
        try {
          await backend.signOut();
        } catch {
          // Signing out locally must work offline; the server session expires on its own.
        }
        backend.setToken(null);
        await bridge.clearSession();
        get().resetAfterSignOut();
        forgetLastKnown(memory);
      },
      resetAfterSignOut(error) {
        get().disconnect();
        backend.setToken(null);
        // The Onyx state stays: a game still running after sign-out is still the player's business.
        set((s) => ({
          friends: initialFriends,
          lobby: initialLobby,
          queue: initialQueue,
          game: { ...initialGame, onyx: s.game.onyx },
          progression: initialProgression,
          chat: initialChat,
          messages: initialMessages,
          blocks: initialBlocks,
          ui: { view: 'play' },
        }));
        patchSlice(set, 'session', (s) => ({ ...initialSession, status: 'signed-out' as const, error: error ?? null, protection: s.protection }));
        patchSlice(set, 'connection', { stale: false });
        if (error) {
          void bridge.clearSession();
          forgetLastKnown(memory);
        }
      },
    };
  };
