import { eachLimited, newId, QUEUE_MODES, type QueueModeId } from '@glaceon/protocol';
import { createLobby, createSession, joinLobby, type RedisClient } from '@glaceon/store';

export interface BenchPlayer {
  playerId: string;
  name: string;
  token: string;
  lobbyId: string;
  host: boolean;
}

export interface BenchLobby {
  lobbyId: string;
  players: BenchPlayer[];
}

/**
 * Party sizes for a mode: a mix that always packs into full teams (2v2: pairs
 * and solos in even numbers; 5v5: 5, 3+2, 4+1, solos), so every player can be
 * matched when the total is a multiple of the match size.
 */
export function partySizes(mode: QueueModeId, players: number): number[] {
  const m = QUEUE_MODES[mode];
  const perMatch = m.teams * m.teamSize;
  const sizes: number[] = [];
  let left = players - (players % perMatch);
  const patterns: number[][] = m.teamSize === 1 ? [[1]] : m.teamSize === 2 ? [[2], [1, 1]] : [[5], [3, 2], [4, 1], [2, 2, 1], [1, 1, 1, 1, 1]];
  let i = 0;
  while (left > 0) {
    // One team's worth at a time, cycling through the patterns.
    for (let t = 0; t < m.teams && left > 0; t++) {
      const pattern = patterns[i++ % patterns.length] as number[];
      for (const s of pattern) sizes.push(s);
      left -= m.teamSize;
    }
  }
  return sizes;
}

/**
 * Sessions and lobbies written directly through @glaceon/store: the benchmark
 * measures matchmaking, not Realm's password hashing (scrypt), so it skips the
 * sign-up path on purpose.
 */
export async function createPopulation(redis: RedisClient, mode: QueueModeId, players: number): Promise<BenchLobby[]> {
  const sizes = partySizes(mode, players);
  const lobbies: BenchLobby[] = new Array(sizes.length);
  await eachLimited(sizes, 64, async (size, index) => {
    const members: BenchPlayer[] = [];
    for (let k = 0; k < size; k++) {
      const playerId = newId('p_');
      const name = `b${index}_${k}_${playerId.slice(2, 6)}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 20);
      const { token } = await createSession(redis, { playerId, name });
      members.push({ playerId, name, token, lobbyId: '', host: k === 0 });
    }
    const host = members[0] as BenchPlayer;
    const lobby = await createLobby(redis, { hostId: host.playerId, hostName: host.name, mode });
    for (const p of members.slice(1)) await joinLobby(redis, { lobbyId: lobby.id, playerId: p.playerId, name: p.name });
    for (const p of members) p.lobbyId = lobby.id;
    lobbies[index] = { lobbyId: lobby.id, players: members };
  });
  return lobbies;
}
