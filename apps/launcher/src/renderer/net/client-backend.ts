import { Coraline, measureRoundTrip, RealmClient, RealmEvents, RealmRequestError, type CoralineStatus } from '@glaceon/client';
import { closeCodeOf, isErrorCode } from '@glaceon/protocol';
import { NetError, REALM_RETRY_MAX_MS, type Backend, type LinkStatus } from './backend.js';
import { t } from '../strings.js';

/** RealmEvents (and Coral) report a signed-out session as this close code. */
const SIGNED_OUT = closeCodeOf('UNAUTHENTICATED');

const CORAL_STATUS: Record<CoralineStatus, LinkStatus> = {
  idle: 'offline',
  connecting: 'connecting',
  open: 'online',
  reconnecting: 'reconnecting',
  closed: 'offline',
};

/** Pings per region (their median is the region's round trip) and the time one region's measurement may take. */
export const PINGS_PER_REGION = 5;
export const REGION_TIMEOUT_MS = 4000;

/** The one-line reasons the player reads on the sign-in screen. */
export const SESSION_ENDED_REASON = {
  realm: t.session.endedRealm,
  coral: t.session.endedCoral,
} as const;

/**
 * The real network, through @glaceon/client: RealmClient (fetch) and
 * RealmEvents (its event socket), Coraline for Coral. Browser APIs only, so
 * it runs the same in Electron's sandboxed renderer and in a plain browser.
 */
export function createClientBackend(): Backend {
  let client = new RealmClient({ baseUrl: 'http://127.0.0.1:7300' });
  let token: string | null = null;
  let coraline: Coraline | undefined;
  const ended = new Set<(reason: string) => void>();
  /** Reported once per token: several calls failing together sign out once. */
  let endedFor: string | null = null;
  const sessionEnded = (reason: string) => {
    if (token === null || endedFor === token) return;
    endedFor = token;
    for (const listener of [...ended]) listener(reason);
  };

  /** Realm's errors keep their code; a transport failure (no HTTP status) becomes NETWORK, worded for players. */
  async function realm<T>(run: () => Promise<T>): Promise<T> {
    const sentWith = token;
    try {
      return await run();
    } catch (error) {
      if (error instanceof RealmRequestError) {
        // A 401 on a call made with a session means the session is gone (not "wrong password": those run without one).
        if (error.code === 'UNAUTHENTICATED' && sentWith !== null && sentWith === token) sessionEnded(SESSION_ENDED_REASON.realm);
        throw new NetError(error.status === 0 ? 'NETWORK' : error.code, error.message);
      }
      throw new NetError('NETWORK', t.errors.cannotReachServer);
    }
  }

  async function coralCall(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      // Coraline rejects with GlaceonError; anything else has no code of ours.
      const { code, message } = error as { code?: unknown; message?: string };
      if (code === 'UNAUTHENTICATED') sessionEnded(SESSION_ENDED_REASON.coral);
      throw new NetError(isErrorCode(code) ? code : 'UNAVAILABLE', message ?? t.errors.matchmakingNoAnswer);
    }
  }

  const coral = () => {
    if (!coraline) throw new NetError('UNAVAILABLE', t.errors.matchmakingNotConnected);
    return coraline;
  };

  return {
    setBaseUrl(url) {
      client = new RealmClient({ baseUrl: url, token: token ?? undefined });
    },
    setToken(next) {
      token = next;
      client.setToken(next ?? undefined);
    },
    register: (name, password) => realm(() => client.register(name, password)),
    signIn: (name, password) => realm(() => client.signIn(name, password)),
    signOut: () => realm(() => client.signOut()),
    requestFriend: (name) => realm(() => client.sendFriendRequest(name)),
    acceptFriend: (id) => realm(async () => void (await client.acceptFriendRequest(id))),
    declineFriend: (id) => realm(() => client.declineFriendRequest(id)),
    cancelFriend: (id) => realm(() => client.cancelFriendRequest(id)),
    removeFriend: (id) => realm(() => client.removeFriend(id)),
    block: (id) => realm(() => client.block(id)),
    unblock: (id) => realm(() => client.unblock(id)),
    lobbyChat: (lobbyId) => realm(() => client.lobbyChat(lobbyId)),
    sendLobbyChat: (lobbyId, text) => realm(() => client.sendLobbyChat(lobbyId, text)),
    conversations: () => realm(() => client.conversations()),
    conversation: (playerId) => realm(() => client.conversation(playerId)),
    sendMessage: (playerId, text) => realm(() => client.sendMessage(playerId, text)),
    markRead: (playerId) => realm(() => client.markRead(playerId)),
    createLobby: (mode) => realm(() => client.createLobby(mode)),
    leaveLobby: (id) => realm(() => client.leaveLobby(id)),
    setMode: (id, mode) => realm(() => client.setMode(id, mode)),
    rotateInvite: (id) => realm(() => client.rotateInvite(id)),
    inviteFriend: (id, playerId) => realm(() => client.inviteFriend(id, playerId)),
    kickMember: (id, playerId) => realm(() => client.kickMember(id, playerId)),
    transferHost: (id, playerId) => realm(() => client.transferHost(id, playerId)),
    askToJoin: (friendId) => realm(() => client.askToJoin(friendId)),
    answerJoinRequest: (id, playerId, accept) =>
      realm(async () => void (accept ? await client.acceptJoinRequest(id, playerId) : await client.declineJoinRequest(id, playerId))),
    acceptInvite: (inviteId) => realm(() => client.acceptInvite(inviteId)),
    declineInvite: (inviteId) => realm(() => client.declineInvite(inviteId)),
    joinByToken: (inviteToken) => realm(() => client.joinByToken(inviteToken)),
    profile: (playerId) => realm(() => client.profile(playerId)),
    history: (playerId, page) => realm(() => client.history(playerId, page)),
    game: (gameId) => realm(() => client.game(gameId)),
    leaderboard: (queue) => realm(() => client.leaderboard(queue)),
    queues: () => realm(() => client.queues()),
    // Shows whose lobby a link leads to without using up the invite; a bad link fails here, before joining.
    previewInvite: (inviteToken) =>
      realm(async () => {
        const preview = await client.previewInvite(inviteToken);
        return { hostName: preview.hostName, mode: preview.mode, members: preview.members };
      }),

    connectRealm(listener) {
      // RealmEvents waits base/2 + random*base/2 with base = min(max, 250 ms * 2^attempt); mirroring
      // its attempt count here tells the banner exactly when the next try starts.
      let stopped = false;
      let attempt = 0;
      // Called by RealmEvents exactly when it schedules the next attempt.
      const random = () => {
        const r = Math.random();
        const base = Math.min(REALM_RETRY_MAX_MS, 250 * 2 ** attempt);
        attempt++;
        if (!stopped) listener.status('reconnecting', base / 2 + r * (base / 2));
        return r;
      };
      const events = new RealmEvents({
        random,
        url: client.eventsUrl(),
        token: () => token ?? undefined,
        // Reconnect at least every 5 s while Realm is away (the banner counts down to it).
        maxDelayMs: REALM_RETRY_MAX_MS,
        // A browser cannot see the upgrade's 401; asking Realm who we are tells a dead session from a dead server.
        verifySession: () =>
          client.me().then(
            () => true,
            (error: unknown) => !(error instanceof RealmRequestError && error.code === 'UNAUTHENTICATED'),
          ),
      });
      let everOpen = false;
      const offs = [
        events.on('*', (message) => listener.message(message)),
        events.onState((state, detail) => {
          if (stopped) return;
          if (state === 'open') {
            everOpen = true;
            attempt = 0;
          }
          if (state === 'closed' && detail?.code === SIGNED_OUT) {
            listener.status('offline');
            sessionEnded(SESSION_ENDED_REASON.realm);
            return;
          }
          if (state === 'closed') return void listener.status('reconnecting');
          listener.status(state === 'open' ? 'online' : everOpen ? 'reconnecting' : 'connecting');
        }),
      ];
      events.connect().catch(() => undefined); // state events report failures; RealmEvents keeps retrying
      return () => {
        stopped = true;
        offs.forEach((off) => off());
        events.close();
        listener.status('offline');
      };
    },
    connectCoral(coralUrl, listener) {
      coraline?.close();
      const next = new Coraline({ url: coralUrl, token: () => token ?? '', clientName: 'glaceon-launcher/0.1.0' });
      coraline = next;
      const offs = [
        next.on('message', (m) => listener.message(m)),
        next.on('status', (s) => listener.status(CORAL_STATUS[s])),
        next.on('welcome', () => listener.welcome?.()),
        next.on('disconnected', ({ code }) => {
          if (code === SIGNED_OUT) sessionEnded(SESSION_ENDED_REASON.coral);
        }),
        next.on('error', (error) => {
          if (error.code === 'UNAUTHENTICATED') sessionEnded(SESSION_ENDED_REASON.coral);
        }),
      ];
      next.connect().catch(() => undefined);
      return () => {
        offs.forEach((off) => off());
        next.close();
        if (coraline === next) coraline = undefined;
        listener.status('offline');
      };
    },
    startQueue: () => coralCall(() => coral().startQueue()),
    cancelQueue: () => coralCall(() => coral().cancelQueue()),
    acceptMatch: (prematchId) => coralCall(() => coral().accept(prematchId)),
    declineMatch: (prematchId) => coralCall(() => coral().decline(prematchId)),
    leaveGame: (gameId) => coralCall(() => coral().leaveGame(gameId)),
    reportLatencies: (latencies) => coralCall(() => coral().reportLatencies(latencies)),
    async measureRegion(pingUrl) {
      try {
        return await measureRoundTrip(pingUrl, { pings: PINGS_PER_REGION, timeoutMs: REGION_TIMEOUT_MS });
      } catch {
        throw new NetError('NETWORK', t.latency.pingFailed);
      }
    },
    onSessionEnded(listener) {
      ended.add(listener);
      return () => void ended.delete(listener);
    },
  };
}
