import { WebSocket } from 'ws';
import { Coraline, type WebSocketConstructor } from '@glaceon/client';
import { newId, type QueueModeId } from '@glaceon/protocol';
import { createAccount, createLobby, createSession, joinLobby, type RedisClient } from '@glaceon/store';
import { TEST_QUEUES } from '@glaceon/store/testing';

export interface TestPlayer {
  playerId: string;
  name: string;
  token: string;
}

let seq = 0;

/**
 * A player with a session, made directly through @glaceon/store (not Realm's
 * password path: tests and the benchmark need many players fast).
 */
export async function makePlayer(redis: RedisClient, prefix = 'pl'): Promise<TestPlayer> {
  const name = `${prefix}${++seq}_${newId('p_').slice(2, 8)}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 20);
  // An account (a game's roster reads the names of players held by other Corals from it).
  const { id: playerId } = await createAccount(redis, { name, passwordHash: 'test-player' });
  const { token } = await createSession(redis, { playerId, name });
  return { playerId, name, token };
}

/** A lobby in `mode` whose host is the first player and members the rest. */
export async function makeLobby(redis: RedisClient, mode: QueueModeId, players: readonly TestPlayer[]): Promise<string> {
  const [host, ...rest] = players;
  if (!host) throw new Error('a lobby needs a host');
  const lobby = await createLobby(redis, { hostId: host.playerId, hostName: host.name, mode });
  for (const p of rest) await joinLobby(redis, { queues: TEST_QUEUES, lobbyId: lobby.id, playerId: p.playerId, name: p.name });
  return lobby.id;
}

export function connectPlayer(url: string, player: TestPlayer, options: { reconnect?: boolean } = {}): Coraline {
  return new Coraline({
    url,
    token: player.token,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    reconnect: options.reconnect === false ? false : { initialMs: 100, maxMs: 1000 },
    requestTimeoutMs: 10_000,
    connectTimeoutMs: 2000,
  });
}

/**
 * A solo player in their own 1v1 lobby, connected to `url`, who accepts every
 * ready check. The client joins `cleanup` before it connects, so a test that
 * fails mid-way still closes it.
 */
export async function connectSoloAccepter(redis: RedisClient, url: string, cleanup: Coraline[]): Promise<{ player: TestPlayer; client: Coraline }> {
  const player = await makePlayer(redis);
  await makeLobby(redis, '1v1', [player]);
  const client = connectPlayer(url, player);
  cleanup.push(client);
  client.on('match.found', (m) => void client.accept(m.prematchId).catch(() => undefined));
  await client.connect();
  return { player, client };
}
