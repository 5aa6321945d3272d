import type { Lobby } from '@glaceon/protocol';
import { parseDeepLink } from '../../common/index.js';
import { describeError } from '../net/errors.js';
import { patchSlice } from './patch.js';
import { t } from '../strings.js';
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
  online: null,
  joinRequests: [],
  memberBusy: [],
  names: {},
  notice: null,
};

/** Realm and Coral both bump `version`; a stale copy (a push that crossed a newer reply) is ignored. */
function newer(next: Lobby, current: Lobby | null): boolean {
  return !current || current.id !== next.id || next.version >= current.version;
}

/**
 * Whether a copy of the lobby moves its state on (another lobby, a newer version, or another
 * state). Realm re-sends the same version when only who is online changed, and it may arrive
 * after Coral's news: settling on it again would drop a ready check already on screen.
 */
function moves(next: Lobby, current: Lobby | null): boolean {
  return !current || current.id !== next.id || next.version > current.version || next.state !== current.state;
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
    /** One host action on one member or requester, marked busy (no double clicks); errors land in `lobby.error`. */
    async function onMember(playerId: string, action: (lobbyId: string) => Promise<void>) {
      const id = currentId();
      if (!id || get().lobby.memberBusy.includes(playerId)) return;
      patchSlice(set, 'lobby', (l) => ({ memberBusy: [...l.memberBusy, playerId], error: null, notice: null }));
      try {
        await action(id);
      } catch (error) {
        patchSlice(set, 'lobby', { error: describeError(error) });
      } finally {
        patchSlice(set, 'lobby', (l) => ({ memberBusy: l.memberBusy.filter((p) => p !== playerId) }));
      }
    }

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
      kickMember: (playerId) =>
        onMember(playerId, async (id) => {
          const name = get().lobby.current?.members.find((m) => m.id === playerId)?.name ?? playerId;
          const res = await backend.kickMember(id, playerId);
          // The kick rotated the token: the link shown must be the new one, or the host would share a dead link.
          patchSlice(set, 'lobby', { invite: res.invite, notice: t.lobby.kicked(name) });
          get().applyLobby(res.lobby);
        }),
      transferHost: (playerId) =>
        onMember(playerId, async (id) => {
          get().applyLobby(await backend.transferHost(id, playerId));
          // The link's token is only ever shown to the host who made it; the new host makes their own.
          patchSlice(set, 'lobby', { invite: null, joinRequests: [] });
        }),
      answerJoinRequest: (playerId, accept) =>
        onMember(playerId, async (id) => {
          try {
            await backend.answerJoinRequest(id, playerId, accept);
          } finally {
            // Answered (or no longer pending): either way it leaves the list; Realm's push agrees.
            patchSlice(set, 'lobby', (l) => ({ joinRequests: l.joinRequests.filter((r) => r.from.id !== playerId) }));
          }
        }),
      setLobbyOnline(online) {
        patchSlice(set, 'lobby', { online: online ?? null });
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
          patchSlice(set, 'lobby', { current: null, invite: null, invited: [], online: null, joinRequests: [], memberBusy: [], notice: null });
          patchSlice(set, 'queue', { status: null });
          patchSlice(set, 'game', { match: null, pending: null });
          return;
        }
        const before = get().lobby.current;
        if (!newer(lobby, before)) return;
        patchSlice(set, 'lobby', (l) => {
          const other = l.current !== null && l.current.id !== lobby.id;
          return {
            current: lobby,
            coralUrl: coralUrl ?? l.coralUrl,
            invite: other ? null : l.invite,
            joinRequests: other ? [] : l.joinRequests,
            names: { ...(other ? {} : l.names), ...Object.fromEntries(lobby.members.map((m) => [m.id, m.name])) },
          };
        });
        if (moves(lobby, before)) get().settleLobbyState(lobby);
      },
      applyCoralLobby(view) {
        const current = get().lobby.current;
        if (!view || !current || view.id !== current.id || view.version < current.version) return;
        // Idle: Coral's view says who caused it (`idleBy`, absent when nobody did); an older one must not linger.
        const { idleBy: _previous, ...withoutIdleBy } = current;
        const merged: Lobby = {
          ...(view.state === 'idle' ? withoutIdleBy : current),
          ...(view.state === 'idle' && view.idleBy ? { idleBy: view.idleBy } : {}),
          host: view.host,
          mode: view.mode,
          members: view.members,
          state: view.state,
          idleReason: view.idleReason ?? current.idleReason,
          stateSince: view.stateSince ?? current.stateSince,
          version: view.version,
        };
        patchSlice(set, 'lobby', { current: merged });
        if (moves(merged, current)) get().settleLobbyState(merged);
      },
    };
  };
