/**
 * Key builders for keys that more than one component reads. A domain's private
 * keys are built in that domain's folder. Every key carries a hash tag `{...}`
 * so multi-key scripts stay within one Redis Cluster slot: one tag per player,
 * per lobby, per queue mode, and one for the Moonstone fleet.
 */
import type { QueueModeId } from '@glaceon/protocol';

export const keys = {
  /** Hash: playerId, name, createdAt, lastSeenAt. Sliding TTL. Key is the SHA-256 of the token, never the token. */
  session: (tokenHash: string) => `session:{${tokenHash}}`,
  /** Hash: the account (id, name, passwordHash, createdAt). Owner: Realm. */
  account: (playerId: string) => `account:{${playerId}}`,
  /** Set of session token hashes of one player (sign out everywhere). Owner: Realm. */
  accountSessions: (playerId: string) => `account:{${playerId}}:sessions`,
  /** Hash: per-player state that must be unique, e.g. field `lobby` (the one lobby the player is in). Owner: Realm. */
  player: (playerId: string) => `player:{${playerId}}`,
  /** String: the player's latest region round trips (JSON region -> ms, clamped), PX 30 min. Owner: Coral (matchmaking/latency.ts). */
  playerLatency: (playerId: string) => `player:{${playerId}}:lat`,
  /** Hash: the lobby. Layout in docs/redis.md. Realm owns membership; Coral owns `state`/`ticket` transitions. */
  lobby: (lobbyId: string) => `lobby:{${lobbyId}}`,
  /** Prefix of every key of one queue mode; all of them share the mode's hash tag. Owner: Coral. */
  queue: (mode: QueueModeId | string) => `{q:${mode}}`,
  /** Prefix of every fleet key (servers, capacity, allocations). Owner: fleet (store/fleet). */
  fleet: () => '{fleet}',
  /** Hash: the game record. Owner: Coral (created idempotently from a prematch). */
  game: (gameId: string) => `game:{${gameId}}`,
  /** Hash: rating per player (field per queue mode). Owner: ratings. */
  rating: (playerId: string) => `rating:{${playerId}}`,
  /**
   * Stream, capped: the token hashes of ended sessions (sign-out, sign-out everywhere, the
   * per-account cap, the absolute end), in order. Every Coral follows it and closes their
   * sockets. Owner: the sessions domain.
   */
  sessionRevocations: () => '{sessions}:revoked',
} as const;

/** Pub/sub channels (at-most-once: for speed only, the truth is in keys). */
export const channels = {
  /** Sharded channel (SPUBLISH) per player, in the player's slot: Realm event fan-out to whichever Realm instance holds the player's event socket. */
  realmPlayer: (playerId: string) => `realm:player:{${playerId}}`,
  /** Sharded channel per queue mode: prematch / ready-check / game events for Corals. */
  queueEvents: (mode: QueueModeId | string) => `{q:${mode}}:events`,
  /** Coral-to-Coral: events for one player wherever their socket is. */
  coralPlayer: (playerId: string) => `coral:player:${playerId}`,
} as const;
