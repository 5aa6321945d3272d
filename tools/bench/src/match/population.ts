import { eachLimited, newId, type QueueCatalog, type QueueConfig } from '@glaceon/protocol';
import { createLobby, createSession, joinLobby, seedSkill, type RedisClient } from '@glaceon/store';

export interface BenchPlayer {
  playerId: string;
  name: string;
  token: string;
  lobbyId: string;
  host: boolean;
  /** --regions: the round trips this player reports (`region.latencies`). */
  latencies?: { region: string; rttMs: number }[];
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
export function partySizes(m: Pick<QueueConfig, 'teams' | 'teamSize' | 'partySizes'>, players: number): number[] {
  const perMatch = m.teams * m.teamSize;
  const sizes: number[] = [];
  let left = players - (players % perMatch);
  const patterns = teamPatterns(m.teamSize, m.partySizes);
  if (patterns.length === 0) throw new Error(`no mix of party sizes ${m.partySizes.join(',')} fills a team of ${m.teamSize}`);
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

/** The historical mixes (kept so figures stay comparable across runs), used when every size is allowed. */
const CLASSIC: Record<number, number[][]> = { 1: [[1]], 2: [[2], [1, 1]], 5: [[5], [3, 2], [4, 1], [2, 2, 1], [1, 1, 1, 1, 1]] };

/** Ways to fill one team with allowed party sizes, largest parties first (at most 8). */
export function teamPatterns(teamSize: number, allowed: readonly number[]): number[][] {
  const all = Array.from({ length: teamSize }, (_, i) => i + 1);
  const classic = CLASSIC[teamSize];
  if (classic && all.every((n) => allowed.includes(n))) return classic;
  const sizes = [...allowed].filter((n) => n <= teamSize).sort((a, b) => b - a);
  const out: number[][] = [];
  const walk = (left: number, from: number, acc: number[]) => {
    if (out.length >= 8) return;
    if (left === 0) return void out.push([...acc]);
    for (let i = from; i < sizes.length; i++) {
      const s = sizes[i] as number;
      if (s <= left) walk(left - s, i, [...acc, s]);
    }
  };
  walk(teamSize, 0, []);
  return out;
}

/**
 * Sessions and lobbies written directly through @glaceon/store: the benchmark
 * measures matchmaking, not Realm's password hashing (scrypt), so it skips the
 * sign-up path on purpose.
 */
/** A standard normal sample (Box-Muller). */
function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
}

export async function createPopulation(redis: RedisClient, queues: QueueCatalog, mode: string, players: number, ratingSpread = 0): Promise<BenchLobby[]> {
  const sizes = partySizes(queues.require(mode), players);
  const lobbies: BenchLobby[] = new Array(sizes.length);
  await eachLimited(sizes, 64, async (size, index) => {
    const members: BenchPlayer[] = [];
    for (let k = 0; k < size; k++) {
      const playerId = newId('p_');
      const name = `b${index}_${k}_${playerId.slice(2, 6)}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 20);
      const { token } = await createSession(redis, { playerId, name });
      // A settled skill (sigma 80) around 1500: the matcher's window then depends on the rating, not on newness.
      if (ratingSpread > 0) await seedSkill(redis, mode, playerId, { mu: Math.max(0, 1500 + ratingSpread * gaussian()), sigma: 80 });
      members.push({ playerId, name, token, lobbyId: '', host: k === 0 });
    }
    const host = members[0] as BenchPlayer;
    const lobby = await createLobby(redis, { hostId: host.playerId, hostName: host.name, mode });
    for (const p of members.slice(1)) await joinLobby(redis, { lobbyId: lobby.id, playerId: p.playerId, name: p.name, queues });
    for (const p of members) p.lobbyId = lobby.id;
    lobbies[index] = { lobbyId: lobby.id, players: members };
  });
  return lobbies;
}

/**
 * --regions N: a latency matrix. Lobbies are dealt to home regions in whole matches (the
 * population is built one team pattern after another, so consecutive lobbies of `perMatch`
 * players fill one match), round robin, so every region's pool can be matched entirely. Each
 * player is near its home region (15-60 ms), a quarter of them near a second region too
 * (85-110 ms: just past the first limit, so entry still picks home), and far from the rest
 * (120-300 ms). Returns each lobby's home region.
 */
export function assignLatencies(lobbies: BenchLobby[], regions: readonly string[], perMatch: number, random: () => number = Math.random): Map<string, string> {
  const home = new Map<string, string>();
  let filled = 0;
  let chunk = 0;
  const between = (lo: number, hi: number) => Math.round(lo + random() * (hi - lo));
  for (const lobby of lobbies) {
    const region = regions[chunk % regions.length] as string;
    home.set(lobby.lobbyId, region);
    const second =
      regions.length > 1 && random() < 0.25 ? regions[(regions.indexOf(region) + 1 + Math.floor(random() * (regions.length - 1))) % regions.length] : undefined;
    for (const p of lobby.players) {
      p.latencies = regions.map((r) => ({ region: r, rttMs: r === region ? between(15, 60) : r === second ? between(85, 110) : between(120, 300) }));
    }
    filled += lobby.players.length;
    if (filled >= perMatch) {
      filled -= perMatch;
      chunk++;
    }
  }
  return home;
}
