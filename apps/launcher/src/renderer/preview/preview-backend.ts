import type { Backend } from '../net/backend.js';
import { NetError } from '../net/backend.js';
import { chatLines, conversations, conversationWith, invite, lobby, me } from './fixtures.js';
import { previewGame, previewHistory, previewLeaderboard, previewProfile } from './progression-fixtures.js';
import { previewRegionQueues } from './queue-fixtures.js';

/**
 * A backend that answers from fixtures and never touches the network: the
 * preview mode uses it so buttons do something plausible. It is not a test
 * double for Realm or Coral behaviour.
 */
export function createPreviewBackend(): Backend {
  const session = { player: me, token: 'preview-token-preview-token-preview-token-00', expiresInMs: 3_600_000 };
  const joined = { lobby: lobby(), coralUrl: 'ws://127.0.0.1:7350', invite };
  return {
    setBaseUrl: () => undefined,
    setToken: () => undefined,
    register: async () => session,
    signIn: async (name, password) => {
      if (password !== 'correct horse') throw new NetError('INVALID_CREDENTIALS', 'Wrong display name or password.');
      return { ...session, player: { ...me, name } };
    },
    signOut: async () => undefined,
    requestFriend: async (name) => ({ status: 'requested', player: { id: 'p_new', name } }),
    acceptFriend: async () => undefined,
    declineFriend: async () => undefined,
    cancelFriend: async () => undefined,
    removeFriend: async () => undefined,
    block: async () => undefined,
    unblock: async () => undefined,
    lobbyChat: async () => chatLines,
    sendLobbyChat: async (_lobbyId, text) => ({ id: `${Date.now()}-0`, at: Date.now(), kind: 'message', from: me, text }),
    conversations: async () => conversations,
    conversation: async (playerId) => conversationWith(playerId),
    sendMessage: async (playerId, text) => ({ id: `${Date.now()}-0`, at: Date.now(), from: me.id, to: playerId, text }),
    markRead: async () => undefined,
    createLobby: async (mode) => ({ ...joined, lobby: lobby({ mode, members: [me] }) }),
    leaveLobby: async () => undefined,
    setMode: async (_id, mode) => lobby({ mode, version: Date.now() }),
    rotateInvite: async () => invite,
    inviteFriend: async () => ({ id: 'inv_x', lobbyId: 'l_preview', from: me, mode: '2v2', at: Date.now(), expiresAt: Date.now() + 300_000 }),
    kickMember: async (_id, playerId) => ({ lobby: lobby({ members: lobby().members.filter((m) => m.id !== playerId), version: Date.now() }), invite }),
    transferHost: async (_id, playerId) => lobby({ host: playerId, version: Date.now() }),
    askToJoin: async () => ({ lobbyId: 'l_preview', from: me, at: Date.now(), expiresAt: Date.now() + 120_000 }),
    answerJoinRequest: async () => undefined,
    acceptInvite: async () => joined,
    declineInvite: async () => undefined,
    joinByToken: async () => joined,
    previewInvite: async () => ({ hostName: 'frost', mode: '2v2', members: 1 }),
    profile: async (playerId) => previewProfile(playerId, playerId === me.id ? me.name : 'frost'),
    history: async (playerId) => previewHistory(playerId),
    game: async (gameId) => previewGame(gameId),
    leaderboard: async (queue) => previewLeaderboard(queue),
    // Three regions, so Settings and the queue screen show them (EU West 31 ms, US East 112 ms, Asia Pacific no answer).
    queues: async () => previewRegionQueues(),
    connectRealm: (listener) => {
      listener.status('online');
      return () => undefined;
    },
    connectCoral: (_url, listener) => {
      listener.status('online');
      return () => undefined;
    },
    startQueue: async () => undefined,
    cancelQueue: async () => undefined,
    acceptMatch: async () => undefined,
    declineMatch: async () => undefined,
    leaveGame: async () => undefined,
    measureRegion: async (pingUrl) => {
      const rtt = { '19701': 31, '19702': 112 }[pingUrl.slice(-5)];
      if (rtt === undefined) throw new NetError('NETWORK', "The region's ping endpoint did not answer in time.");
      return rtt;
    },
    reportLatencies: async () => undefined,
    onSessionEnded: () => () => undefined,
  };
}
