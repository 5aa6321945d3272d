/**
 * Private keys of one queue mode, all under the mode's hash tag `{q:<mode>}`
 * so every matchmaking script runs in one Cluster slot. Scripts take the tag
 * as KEYS[1] and build these same names (docs/redis/matchmaking.md).
 */
import { keys } from '../keys.js';

export const queueKeys = {
  tag: (mode: string) => keys.queue(mode),
  /** Hash: one queue entry (lobby, state, seq, queuedAt, size, rating, players, pm, reason). */
  ticket: (mode: string, ticket: string) => `${keys.queue(mode)}:t:${ticket}`,
  /** Sorted set: queued tickets by queuedAt (the matchmaker's input, oldest first). */
  waiting: (mode: string) => `${keys.queue(mode)}:waiting`,
  /** Sorted set: queued tickets by the last time any of their players was seen. */
  alive: (mode: string) => `${keys.queue(mode)}:alive`,
  /** Hash: player id -> ticket of the queued lobby (for keep-alive). */
  playerTicket: (mode: string) => `${keys.queue(mode)}:pt`,
  /** Sorted set: tickets whose lobby mirror is not yet confirmed, by time of change. */
  outbox: (mode: string) => `${keys.queue(mode)}:outbox`,
  /** Hash: a prematch. */
  prematch: (mode: string, pm: string) => `${keys.queue(mode)}:pm:${pm}`,
  /** Set: players of a prematch who accepted. */
  accepted: (mode: string, pm: string) => `${keys.queue(mode)}:pm:${pm}:acc`,
  /** Sorted set: prematches in ready check by deadline. */
  deadlines: (mode: string) => `${keys.queue(mode)}:deadlines`,
  /** Sorted set: all-accepted prematches awaiting a game, by creation-owner lease end (0 = unowned). */
  creating: (mode: string) => `${keys.queue(mode)}:creating`,
  /** Hash: lobby id -> why it is not matched yet (JSON, QueueWhy), rewritten by the leader's pass; expires. */
  why: (mode: string) => `${keys.queue(mode)}:why`,
  /** Hash: party size -> the leader's recent waits of that size (ms, comma-separated, newest last); expires. */
  sizeWaits: (mode: string) => `${keys.queue(mode)}:size-waits`,
  /** String: leader lease holder (owner id), with PX TTL. */
  lease: (mode: string) => `${keys.queue(mode)}:lease`,
  /** Counter: fencing epoch, INCR by every new lease holder. */
  epoch: (mode: string) => `${keys.queue(mode)}:epoch`,
  /** Hash: `searching` = players waiting. */
  stats: (mode: string) => `${keys.queue(mode)}:stats`,
  /** List: recent waits (ms), newest first, at most 200. */
  waits: (mode: string) => `${keys.queue(mode)}:waits`,
} as const;
