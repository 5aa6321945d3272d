import { Coraline, RealmClient, RealmEvents, RealmRequestError, type CoralineStatus } from '@glaceon/client';
import { closeCodeOf, isErrorCode } from '@glaceon/protocol';
import { NetError, type Backend, type LinkStatus } from './backend.js';

/** RealmEvents reports a signed-out session as this close code. */
const SIGNED_OUT = closeCodeOf('UNAUTHENTICATED');

const CORAL_STATUS: Record<CoralineStatus, LinkStatus> = {
  idle: 'offline',
  connecting: 'connecting',
  open: 'online',
  reconnecting: 'reconnecting',
  closed: 'offline',
};

/** Realm's errors keep their code; a transport failure (no HTTP status) becomes NETWORK, worded for players. */
async function realm<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RealmRequestError) throw new NetError(error.status === 0 ? 'NETWORK' : error.code, error.message);
    throw new NetError('NETWORK', 'Cannot reach the server.');
  }
}

async function coralCall(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    // Coraline rejects with GlaceonError; anything else has no code of ours.
    const { code, message } = error as { code?: unknown; message?: string };
    throw new NetError(isErrorCode(code) ? code : 'UNAVAILABLE', message ?? 'Matchmaking did not answer.');
  }
}

/**
 * The real network, through @glaceon/client: RealmClient (fetch) and
 * RealmEvents (its event socket), Coraline for Coral. Browser APIs only, so
 * it runs the same in Electron's sandboxed renderer and in a plain browser.
 */
export function createClientBackend(): Backend {
  let client = new RealmClient({ baseUrl: 'http://127.0.0.1:7300' });
  let token: string | null = null;
  let coraline: Coraline | undefined;
  const coral = () => {
    if (!coraline) throw new NetError('UNAVAILABLE', 'Not connected to matchmaking yet.');
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
    createLobby: (mode) => realm(() => client.createLobby(mode)),
    leaveLobby: (id) => realm(() => client.leaveLobby(id)),
    setMode: (id, mode) => realm(() => client.setMode(id, mode)),
    rotateInvite: (id) => realm(() => client.rotateInvite(id)),
    inviteFriend: (id, playerId) => realm(() => client.inviteFriend(id, playerId)),
    acceptInvite: (inviteId) => realm(() => client.acceptInvite(inviteId)),
    declineInvite: (inviteId) => realm(() => client.declineInvite(inviteId)),
    joinByToken: (inviteToken) => realm(() => client.joinByToken(inviteToken)),
    profile: (playerId) => realm(() => client.profile(playerId)),
    history: (playerId, page) => realm(() => client.history(playerId, page)),
    game: (gameId) => realm(() => client.game(gameId)),
    leaderboard: (queue) => realm(() => client.leaderboard(queue)),
    // Shows whose lobby a link leads to without using up the invite; a bad link fails here, before joining.
    previewInvite: (inviteToken) =>
      realm(async () => {
        const preview = await client.previewInvite(inviteToken);
        return { hostName: preview.hostName, mode: preview.mode, members: preview.members };
      }),

    connectRealm(listener) {
      const events = new RealmEvents({ url: client.eventsUrl(), token: () => token ?? undefined });
      let everOpen = false;
      let stopped = false;
      const offs = [
        events.on('*', (message) => listener.message(message)),
        events.onState((state, detail) => {
          if (stopped) return;
          if (state === 'open') everOpen = true;
          if (state === 'closed' && detail?.code === SIGNED_OUT) {
            listener.status('offline');
            listener.message({ type: 'error', code: 'UNAUTHENTICATED', message: 'Your session has ended.' });
            return;
          }
          listener.status(state === 'open' ? 'online' : state === 'connecting' ? (everOpen ? 'reconnecting' : 'connecting') : 'reconnecting');
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
      const offs = [next.on('message', (m) => listener.message(m)), next.on('status', (s) => listener.status(CORAL_STATUS[s]))];
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
  };
}
