/**
 * Lobby fixtures for matchmaking tests, here and in other packages through
 * `@glaceon/store/testing` (never imported by production code): lobbies made
 * through store/lobbies, like Realm makes them.
 */
import { newId, type QueueModeId } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { createLobby, joinLobby } from '../lobbies/index.js';
import { TEST_QUEUES } from './queues.js';

export interface LobbyFixture {
  lobbyId: string;
  host: string;
  players: string[];
}

export async function makeLobby(redis: RedisClient, mode: QueueModeId, size: number): Promise<LobbyFixture> {
  const host = newId('p_');
  const lobby = await createLobby(redis, { hostId: host, hostName: 'host', mode });
  const players = [host];
  for (let i = 1; i < size; i++) {
    const p = newId('p_');
    await joinLobby(redis, { queues: TEST_QUEUES, lobbyId: lobby.id, playerId: p, name: `member${i}` });
    players.push(p);
  }
  return { lobbyId: lobby.id, host, players };
}
