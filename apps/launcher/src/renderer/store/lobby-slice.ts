import type { Lobby } from '@glaceon/protocol';
import { parseDeepLink } from '../../common/index.js';
import { describeError } from '../net/errors.js';
import { patchSlice } from './patch.js';
import type { LobbySlice, SliceCreator } from './types.js';

export const initialLobby: LobbySlice['lobby'] = {
  current: null,
  coralUrl: null,
  invite: null,
  busy: false,
  error: null,
  pendingJoin: null,
  invited: [],
  heldInvite: null,
};

/** Realm and Coral both bump `version`; a stale copy (a push that crossed a newer reply) is ignored. */
function newer(next: Lobby, current: Lobby | null): boolean {
  return !current || current.id !== next.id || next.version >= current.version;
}

export const createLobbySlice: SliceCreator<LobbySlice> =
  ({ backend }) =>
  (set, get) => {
    async function run(action: () => Promise<void>) {
      patchSlice(set, 'lobby', { busy: true, error: null });
      try {
        await action();
        patchSlice(set, 'lobby', { busy: false });
      } catch (error) {
        patchSlice(set, 'lobby', { busy: false, error: describeError(error) });
      }
    }
    const currentId = () => get().lobby.current?.id;

    return {
      lobby: initialLobby,
      createLobby: (mode) =>
        run(async () => {
          const res = await backend.createLobby(mode);
          patchSlice(set, 'lobby', { current: res.lobby, coralUrl: res.coralUrl, invite: res.invite ?? null, invited: [] });
        }),
      leaveLobby: () =>
        run(async () => {
          const id = currentId();
          if (id) await backend.leaveLobby(id);
          patchSlice(set, 'lobby', { current: null, invite: null, invited: [] });
          patchSlice(set, 'queue', { status: null, notice: null });
          patchSlice(set, 'game', { lastResult: null });
        }),
      setMode: (mode) =>
        run(async () => {
          const id = currentId();
          if (!id) return;
          const lobby = await backend.setMode(id, mode);
          get().applyLobby(lobby);
        }),
      async inviteFriend(playerId) {
        const id = currentId();
        if (!id) return;
        try {
          await backend.inviteFriend(id, playerId);
          patchSlice(set, 'lobby', (l) => ({ invited: [...new Set([...l.invited, playerId])], error: null }));
        } catch (error) {
          patchSlice(set, 'lobby', { error: describeError(error) });
        }
      },
      rotateInvite: () =>
        run(async () => {
          const id = currentId();
          if (!id) return;
          patchSlice(set, 'lobby', { invite: await backend.rotateInvite(id) });
        }),
      receiveDeepLink(url) {
        const link = parseDeepLink(url);
        if (!link.ok) return;
        if (get().session.status === 'signed-in') void get().proposeJoin(link.value.token);
        else patchSlice(set, 'lobby', { heldInvite: link.value.token });
      },
      async proposeJoin(token) {
        patchSlice(set, 'lobby', { pendingJoin: { token, preview: null, loadingPreview: true, joining: false, error: null } });
        try {
          const preview = await backend.previewInvite(token);
          patchSlice(set, 'lobby', (l) => ({
            pendingJoin: l.pendingJoin?.token === token ? { ...l.pendingJoin, preview, loadingPreview: false } : l.pendingJoin,
          }));
        } catch (error) {
          patchSlice(set, 'lobby', (l) => ({
            pendingJoin: l.pendingJoin?.token === token ? { ...l.pendingJoin, loadingPreview: false, error: describeError(error) } : l.pendingJoin,
          }));
        }
      },
      async confirmJoin() {
        const pending = get().lobby.pendingJoin;
        if (!pending || pending.joining) return;
        patchSlice(set, 'lobby', { pendingJoin: { ...pending, joining: true, error: null } });
        try {
          // Joining another lobby means leaving this one first (Realm allows one lobby per player).
          const id = currentId();
          if (id) await backend.leaveLobby(id);
          const res = await backend.joinByToken(pending.token);
          patchSlice(set, 'lobby', { pendingJoin: null, current: null, invite: null, invited: [] });
          get().applyLobby(res.lobby, res.coralUrl);
          patchSlice(set, 'game', { lastResult: null });
        } catch (error) {
          patchSlice(set, 'lobby', { pendingJoin: { ...pending, joining: false, error: describeError(error) } });
        }
      },
      dismissJoin() {
        patchSlice(set, 'lobby', { pendingJoin: null });
      },
      applyLobby(lobby, coralUrl) {
        if (lobby === null) {
          patchSlice(set, 'lobby', { current: null, invite: null, invited: [] });
          patchSlice(set, 'queue', { status: null });
          patchSlice(set, 'game', { match: null, pending: null });
          return;
        }
        if (!newer(lobby, get().lobby.current)) return;
        patchSlice(set, 'lobby', (l) => ({
          current: lobby,
          coralUrl: coralUrl ?? l.coralUrl,
          invite: l.current && l.current.id !== lobby.id ? null : l.invite,
        }));
        get().settleLobbyState(lobby);
      },
      applyCoralLobby(view) {
        const current = get().lobby.current;
        if (!view || !current || view.id !== current.id || view.version < current.version) return;
        const merged: Lobby = {
          ...current,
          host: view.host,
          mode: view.mode,
          members: view.members,
          state: view.state,
          idleReason: view.idleReason ?? current.idleReason,
          stateSince: view.stateSince ?? current.stateSince,
          version: view.version,
        };
        patchSlice(set, 'lobby', { current: merged });
        get().settleLobbyState(merged);
      },
    };
  };
