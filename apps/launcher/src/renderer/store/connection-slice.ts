import { assertNever, type CoralEvent, type RealmServerMessage } from '@glaceon/protocol';
import { queueName } from './catalog-slice.js';
import { describeMatchCancel } from './idle-reasons.js';
import { patchSlice } from './patch.js';
import type { AppState, ConnectionSlice, SliceCreator, StoreDeps } from './types.js';
import { t } from '../strings.js';

type Set = (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void;
type Get = () => AppState;

/** Realm pushes: the snapshot replaces everything (it is how a reconnect resynchronises). */
export function applyRealmMessage(message: RealmServerMessage, set: Set, get: Get, deps: StoreDeps): void {
  switch (message.type) {
    case 'snapshot':
      patchSlice(set, 'session', { me: message.me });
      patchSlice(set, 'connection', { stale: false });
      patchSlice(set, 'friends', { view: message.friends, invites: [...message.invites].sort((a, b) => b.at - a.at) });
      patchSlice(set, 'connection', { clockOffsetMs: message.at - deps.now() });
      get().applyLobby(message.lobby, message.coralUrl);
      get().setLobbyOnline(message.lobbyOnline);
      patchSlice(set, 'lobby', { joinRequests: message.joinRequests ?? [] });
      // Every (re)connect: what was said or sent while this launcher was away (direct messages reach an offline player this way).
      void get().loadConversations();
      if (message.lobby) void get().loadLobbyChat();
      return;
    case 'chat.line':
    case 'dm.message':
    case 'dm.read':
      get().applyChatMessage(message);
      return;
    case 'friend.request':
      patchSlice(set, 'friends', (f) =>
        f.view && !f.view.incoming.some((r) => r.id === message.from.id) ? { view: { ...f.view, incoming: [...f.view.incoming, message.from] } } : {},
      );
      return;
    case 'friends.updated':
      patchSlice(set, 'friends', { view: message.friends });
      return;
    case 'presence':
      // Their presence moved (joined us, joined someone else, went offline): the "Invited" mark has done its job.
      patchSlice(set, 'lobby', (l) => (l.invited.includes(message.playerId) ? { invited: l.invited.filter((id) => id !== message.playerId) } : {}));
      patchSlice(set, 'friends', (f) =>
        f.view ? { view: { ...f.view, friends: f.view.friends.map((fr) => (fr.id === message.playerId ? { ...fr, presence: message.presence } : fr)) } } : {},
      );
      return;
    case 'invite.received': {
      const known = get().friends.invites.some((i) => i.id === message.invite.id);
      patchSlice(set, 'friends', (f) => ({ invites: [message.invite, ...f.invites.filter((i) => i.id !== message.invite.id)] }));
      if (!known) {
        const mode = queueName(get().catalog.queues, message.invite.mode);
        void deps.bridge.alertInvite({ title: t.invites.alertTitle(message.invite.from.name), body: t.invites.alertBody(mode) });
      }
      return;
    }
    case 'invite.removed':
      patchSlice(set, 'friends', (f) => ({ invites: f.invites.filter((i) => i.id !== message.inviteId) }));
      return;
    case 'lobby.updated':
      get().applyLobby(message.lobby);
      if (message.lobby) get().setLobbyOnline(message.online);
      if (message.lobby === null && message.reason === 'kicked') patchSlice(set, 'lobby', { error: t.lobby.removed });
      if (message.lobby === null && message.reason === 'closed') patchSlice(set, 'lobby', { error: t.lobby.closed });
      return;
    case 'join.request.received':
      patchSlice(set, 'lobby', (l) =>
        l.current?.id === message.request.lobbyId
          ? { joinRequests: [...l.joinRequests.filter((r) => r.from.id !== message.request.from.id), message.request] }
          : {},
      );
      return;
    case 'join.request.removed':
      patchSlice(set, 'lobby', (l) => ({ joinRequests: l.joinRequests.filter((r) => !(r.lobbyId === message.lobbyId && r.from.id === message.playerId)) }));
      return;
    case 'join.request.answered':
      // Who we asked is not in the message (one ask per lobby); any answer settles every pending ask.
      patchSlice(set, 'friends', { asked: [], askNotice: message.accepted ? t.friends.askAccepted : t.friends.askDeclined });
      return;
    case 'error':
      if (message.code === 'UNAUTHENTICATED') get().resetAfterSignOut(t.errors.unauthenticated);
      return;
    case 'pong':
      return;
    default:
      assertNever(message, 'Realm message');
  }
}

/** Coral events: after every (re)connect Coral re-sends the current state, so these are enough to resume. */
export function applyCoralEvent(event: CoralEvent, set: Set, get: Get, deps: StoreDeps): void {
  switch (event.type) {
    case 'lobby.updated':
      get().applyCoralLobby(event.lobby);
      return;
    case 'queue.status':
      patchSlice(set, 'queue', { status: event, receivedAt: deps.now(), error: null });
      return;
    case 'match.found': {
      const already = get().game.match?.prematchId === event.prematchId;
      patchSlice(set, 'game', (g) => ({
        match: { ...event, responding: false, declined: already ? (g.match?.declined ?? false) : false },
        error: null,
      }));
      if (!already && !event.youAccepted) {
        const seconds = Math.max(0, Math.round((event.deadline - get().connection.clockOffsetMs - deps.now()) / 1000));
        void deps.bridge.alertMatchFound({ title: t.attention.matchFoundTitle, body: t.attention.matchFoundBody(seconds) });
      }
      return;
    }
    case 'match.progress':
      patchSlice(set, 'game', (g) => ({ match: g.match && g.match.prematchId === event.prematchId ? { ...g.match, accepted: event.accepted } : g.match }));
      return;
    case 'match.cancelled': {
      const youDeclined = get().game.declinedPrematchId === event.prematchId;
      patchSlice(set, 'game', (g) => ({ match: g.match?.prematchId === event.prematchId ? null : g.match, pending: null }));
      const me = get().session.me?.id;
      const byNames = (event.by ?? []).filter((p) => p.id !== me).map((p) => p.name);
      patchSlice(set, 'queue', (q) => ({
        notice: describeMatchCancel(event.reason, event.requeued, youDeclined, byNames),
        status: event.requeued ? q.status : null,
      }));
      return;
    }
    case 'game.pending':
      patchSlice(set, 'game', { pending: event, match: null });
      return;
    case 'game.ready': {
      const previous = get().game.ready;
      patchSlice(set, 'game', { ready: event, match: null, pending: null, lastResult: null });
      patchSlice(set, 'queue', { status: null, notice: null });
      const onyx = get().game.onyx;
      const running = onyx.status === 'running' && onyx.gameId === event.gameId;
      // Launch on the first ready only; a resend after a reconnect (fresh ticket) waits for "Rejoin".
      if (!running && previous?.gameId !== event.gameId && onyx.status !== 'exited') void get().launchGame();
      else if (!running && previous?.gameId !== event.gameId && onyx.status === 'exited' && onyx.gameId !== event.gameId) void get().launchGame();
      return;
    }
    case 'game.ended':
      patchSlice(set, 'game', (g) => ({
        ready: g.ready?.gameId === event.gameId ? null : g.ready,
        lastResult: { ...event, endedAt: deps.now() },
      }));
      patchSlice(set, 'queue', { notice: null });
      return;
    default:
      assertNever(event, 'Coral event');
  }
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (deps) => (set, get) => {
  let stopRealm: (() => void) | undefined;
  let stopCoral: (() => void) | undefined;
  let coralFor: string | undefined;

  /** Coral is needed only while in a lobby; (re)connect when the lobby or its endpoint changes. */
  const syncCoral = () => {
    const { current, coralUrl } = get().lobby;
    const key = current && coralUrl && stopRealm ? `${current.id}@${coralUrl}` : undefined;
    if (key === coralFor) return;
    stopCoral?.();
    stopCoral = undefined;
    coralFor = key;
    if (!key || !coralUrl) {
      patchSlice(set, 'connection', { coral: 'offline' });
      return;
    }
    stopCoral = deps.backend.connectCoral(coralUrl, {
      message: (event) => applyCoralEvent(event, set, get, deps),
      status: (status) => patchSlice(set, 'connection', { coral: status }),
      // Every (re)connect may reach another Coral behind the balancer: tell it our latencies again.
      welcome: () => void get().reportLatencies(),
    });
  };

  return {
    connection: { realm: 'offline', coral: 'offline', clockOffsetMs: 0, realmDownSince: null, retryAt: null, stale: false },
    connect() {
      if (stopRealm) return;
      stopRealm = deps.backend.connectRealm({
        message: (message) => {
          applyRealmMessage(message, set, get, deps);
          syncCoral();
        },
        status: (status, retryInMs) =>
          patchSlice(set, 'connection', (c) => {
            if (status === 'online') return { realm: status, realmDownSince: null, retryAt: null };
            // Down from the first failed attempt until Realm answers again: no flicker between attempts.
            if (status === 'reconnecting')
              return { realm: status, realmDownSince: c.realmDownSince ?? deps.now(), retryAt: retryInMs === undefined ? c.retryAt : deps.now() + retryInMs };
            return { realm: status };
          }),
      });
      syncCoral();
    },
    retryNow() {
      if (!stopRealm) return;
      const down = get().connection.realmDownSince;
      stopRealm();
      stopRealm = undefined;
      get().connect();
      // Still down until it answers; the banner stays, without a stale countdown.
      patchSlice(set, 'connection', { realmDownSince: down, retryAt: null });
    },
    disconnect() {
      stopRealm?.();
      stopRealm = undefined;
      syncCoral();
      patchSlice(set, 'connection', { realm: 'offline', coral: 'offline', realmDownSince: null, retryAt: null });
    },
    syncCoral,
  };
};
