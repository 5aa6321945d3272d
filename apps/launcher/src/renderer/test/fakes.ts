import type { Conversation, CoralEvent, DirectMessage, Lobby, LobbyChatLine, QueueList, RealmServerMessage, RegionLatency } from '@glaceon/protocol';
import { vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/index.js';
import { createMemoryBridge, type MemoryBridge } from '../preview/memory-bridge.js';
import { previewGame, previewHistory, previewLeaderboard, previewProfile } from '../preview/progression-fixtures.js';
import { previewQueues } from '../preview/queue-fixtures.js';
import type { Backend, CoralListener, RealmListener } from '../net/backend.js';
import { createAppStore, type AppStore } from '../store/index.js';
import { wireBridge } from '../store/wire-bridge.js';

export const ME = { id: 'p_me', name: 'aurora' };
export const TOKEN = 'tok_0123456789abcdefghijklmnopqrstuvwxyz0123';

export function makeLobby(over: Partial<Lobby> = {}): Lobby {
  return {
    id: 'l_1',
    host: ME.id,
    mode: '2v2',
    members: [ME],
    state: 'idle',
    ticket: '',
    queueMode: '',
    stateSince: 1,
    idleReason: '',
    lastResult: null,
    createdAt: 1,
    version: 1,
    ...over,
  };
}

/** A Backend whose every call is a vi.fn, plus handles to push Realm and Coral messages into the store. */
export function createFakeBackend() {
  let realm: RealmListener | undefined;
  let coral: CoralListener | undefined;
  const ended = new Set<(reason: string) => void>();
  const joined = { lobby: makeLobby(), coralUrl: 'ws://coral.test' };
  const backend = {
    setBaseUrl: vi.fn(),
    setToken: vi.fn(),
    register: vi.fn(async () => ({ player: ME, token: TOKEN, expiresInMs: 1000 })),
    signIn: vi.fn(async () => ({ player: ME, token: TOKEN, expiresInMs: 1000 })),
    signOut: vi.fn(async () => undefined),
    requestFriend: vi.fn(async (name: string) => ({ status: 'requested' as const, player: { id: 'p_x', name } })),
    acceptFriend: vi.fn(async () => undefined),
    declineFriend: vi.fn(async () => undefined),
    cancelFriend: vi.fn(async () => undefined),
    removeFriend: vi.fn(async () => undefined),
    block: vi.fn(async () => undefined),
    unblock: vi.fn(async () => undefined),
    lobbyChat: vi.fn(async (): Promise<LobbyChatLine[]> => []),
    sendLobbyChat: vi.fn(async (_lobbyId: string, text: string): Promise<LobbyChatLine> => ({ id: '2-0', at: 2, kind: 'message', from: ME, text })),
    conversations: vi.fn(async (): Promise<Conversation[]> => []),
    conversation: vi.fn(async (playerId: string) => ({ player: { id: playerId, name: 'frost' }, unread: 0, messages: [] as DirectMessage[] })),
    sendMessage: vi.fn(async (playerId: string, text: string): Promise<DirectMessage> => ({ id: '3-0', at: 3, from: ME.id, to: playerId, text })),
    markRead: vi.fn(async () => undefined),
    profile: vi.fn(async (playerId: string) => previewProfile(playerId)),
    history: vi.fn(async (playerId: string) => previewHistory(playerId)),
    game: vi.fn(async (gameId: string) => previewGame(gameId)),
    leaderboard: vi.fn(async (queue: string) => previewLeaderboard(queue, ME)),
    queues: vi.fn(async () => previewQueues()),
    createLobby: vi.fn(async () => ({ ...joined, invite: { token: 'T'.repeat(32), link: `glaceon://join/${'T'.repeat(32)}`, expiresAt: 9, maxUses: 5 } })),
    leaveLobby: vi.fn(async () => undefined),
    setMode: vi.fn(async (_id: string, mode: Lobby['mode']) => makeLobby({ mode, version: 2 })),
    rotateInvite: vi.fn(async () => ({ token: 'R'.repeat(32), link: `glaceon://join/${'R'.repeat(32)}`, expiresAt: 9, maxUses: 5 })),
    inviteFriend: vi.fn(async () => ({ id: 'inv_1', lobbyId: 'l_1', from: ME, mode: '2v2' as const, at: 1, expiresAt: 2 })),
    kickMember: vi.fn(async (_id: string, playerId: string) => ({
      lobby: makeLobby({ members: makeLobby().members.filter((m) => m.id !== playerId), version: 5 }),
      invite: { token: 'K'.repeat(32), link: `glaceon://join/${'K'.repeat(32)}`, expiresAt: 9, maxUses: 5 },
    })),
    transferHost: vi.fn(async (_id: string, playerId: string) => makeLobby({ host: playerId, version: 5 })),
    askToJoin: vi.fn(async () => ({ lobbyId: 'l_frost', from: ME, at: 1, expiresAt: 2 })),
    answerJoinRequest: vi.fn(async () => undefined),
    acceptInvite: vi.fn(async () => joined),
    declineInvite: vi.fn(async () => undefined),
    joinByToken: vi.fn(async () => ({ ...joined, lobby: makeLobby({ host: 'p_frost', members: [{ id: 'p_frost', name: 'frost' }, ME] }) })),
    previewInvite: vi.fn(async () => ({ hostName: 'frost', mode: '2v2' as const, members: 1 })),
    connectRealm: vi.fn((listener: RealmListener) => {
      realm = listener;
      listener.status('online');
      return () => (realm = undefined);
    }),
    connectCoral: vi.fn((_url: string, listener: CoralListener) => {
      coral = listener;
      listener.status('online');
      listener.welcome?.();
      return () => (coral = undefined);
    }),
    startQueue: vi.fn(async () => undefined),
    cancelQueue: vi.fn(async () => undefined),
    acceptMatch: vi.fn(async () => undefined),
    declineMatch: vi.fn(async () => undefined),
    leaveGame: vi.fn(async () => undefined),
    measureRegion: vi.fn(async (_pingUrl: string): Promise<number> => 42),
    reportLatencies: vi.fn(async (_latencies: RegionLatency[]) => undefined),
    onSessionEnded: vi.fn((listener: (reason: string) => void) => {
      ended.add(listener);
      return () => void ended.delete(listener);
    }),
  } satisfies Backend;
  return {
    backend,
    realm: (m: RealmServerMessage) => realm!.message(m),
    coral: (m: CoralEvent) => coral!.message(m),
    coralConnected: () => coral !== undefined,
    /** Coral's welcome after a reconnect. */
    coralWelcome: () => coral?.welcome?.(),
    /** A 401 somewhere (HTTP, event socket, Coral): what the client backend reports. */
    endSession: (reason: string) => ended.forEach((l) => l(reason)),
    realmStatus: (status: Parameters<RealmListener['status']>[0]) => realm?.status(status),
  };
}

export interface Harness {
  store: AppStore;
  bridge: MemoryBridge;
  fake: ReturnType<typeof createFakeBackend>;
  now: { value: number };
}

/** A fresh store over a fake backend and an in-memory bridge; `signedIn` restores a stored session. */
/** sessionStorage stand-in: what survives a "reload" (a second harness given the same memory). */
export function createMemoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

export async function makeHarness(
  opts: {
    signedIn?: boolean;
    onyxPath?: string;
    memory?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
    busyRetryDelay?: (attempt: number) => number;
    /** What Realm's GET /v1/queues answers (default: the shipped queues, no regions). */
    queues?: QueueList;
    latencyEveryMs?: number;
    /** Adjusts the fake backend before the session is restored (which loads the queues and measures regions). */
    setup?: (fake: ReturnType<typeof createFakeBackend>) => void;
  } = {},
): Promise<Harness> {
  const fake = createFakeBackend();
  if (opts.queues) fake.backend.queues.mockResolvedValue(opts.queues);
  opts.setup?.(fake);
  const bridge = createMemoryBridge({
    settings: { onyxPath: opts.onyxPath ?? '/opt/onyx/onyx' },
    session: opts.signedIn ? { token: TOKEN, playerId: ME.id, displayName: ME.name, backendUrl: DEFAULT_SETTINGS.backendUrl } : null,
  });
  const now = { value: 1_000_000 };
  const store = createAppStore({
    backend: fake.backend,
    bridge,
    now: () => now.value,
    memory: opts.memory,
    ...(opts.busyRetryDelay ? { busyRetryDelay: opts.busyRetryDelay } : {}),
    ...(opts.latencyEveryMs ? { latencyEveryMs: opts.latencyEveryMs } : {}),
  });
  wireBridge(store, bridge);
  await store.getState().restoreSession();
  return { store, bridge, fake, now };
}

export const snapshot = (over: Partial<Extract<RealmServerMessage, { type: 'snapshot' }>> = {}): RealmServerMessage => ({
  type: 'snapshot',
  version: 1,
  me: ME,
  friends: {
    friends: [
      { id: 'p_frost', name: 'frost', presence: 'online', since: 1 },
      { id: 'p_sable', name: 'sable', presence: 'offline', since: 1 },
    ],
    incoming: [],
    outgoing: [],
    blocked: [],
  },
  lobby: null,
  coralUrl: 'ws://coral.test',
  invites: [],
  at: 1_000_000,
  ...over,
});
