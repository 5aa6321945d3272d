import { keys } from '../keys.js';

/**
 * Fleet keys. Every one carries the `{fleet}` hash tag, so any script may touch
 * any of them on Redis Cluster; scripts build the per-server and per-game keys
 * from the prefix (ARGV[1]) with the same layout as below.
 */
const prefix = keys.fleet();

export const fleetKeys = {
  prefix,
  /** Set of registered server ids. */
  servers: () => `${prefix}:servers`,
  /** Zset server id -> heartbeat deadline (ms); the sweeper drops servers past it. */
  deadlines: () => `${prefix}:deadlines`,
  /** Hash coral id -> '<graceMs>:<writtenAtMs>': each sweeping Coral's measured stall time (sweep-2.lua). */
  liveness: () => `${prefix}:liveness`,
  /** Hash: address, controlUrl, region, capacity, version, instanceId, draining, registeredAt, lastSeenAt, via (the Coral receiving its heartbeats). */
  server: (serverId: string) => `${prefix}:server:${serverId}`,
  /** Set of the game ids running on a server; its size is the server's load. */
  serverGames: (serverId: string) => `${prefix}:server:${serverId}:games`,
  /** Hash: the allocation (serverId, address, controlUrl, region, mode, teams, roster, state, allocatedAt, joinDeadline, endReason, winningTeam, endedAt). */
  game: (gameId: string) => `${prefix}:game:${gameId}`,
  /** Hash: player id -> pending | connected | noshow | left. */
  gamePlayers: (gameId: string) => `${prefix}:game:${gameId}:players`,
  /** Set: players the game's server released for good (game.leave); expires with the players hash. */
  gameDeparted: (gameId: string) => `${prefix}:game:${gameId}:departed`,
  /** Zset game id -> claimed-until (ms): ended games whose onGameEnded hook is not yet acknowledged. */
  outbox: () => `${prefix}:outbox`,
  /** Zset game id -> latest end (ms): running games with a maximum length (ended 'timeout' past it). */
  gameDeadlines: () => `${prefix}:game-deadlines`,
} as const;

/** Ids go inside key names: refuse anything that could escape the hash tag or the layout. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;
export function assertSafeId(kind: string, value: string): void {
  if (!SAFE_ID.test(value)) throw new TypeError(`Invalid ${kind}: ${JSON.stringify(value.slice(0, 90))}`);
}
