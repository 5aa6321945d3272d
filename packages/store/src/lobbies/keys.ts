import { keys } from '../keys.js';

/** Lobby keys private to Realm's lobby steps; all share the lobby's hash tag. */
export const lobbyKeys = {
  lobby: keys.lobby,
  /** Tombstone of a closed lobby: stops a late create/add for this id. */
  dead: (lobbyId: string) => `lobby:{${lobbyId}}:dead`,
  /** Set of claim nonces fenced by a repair: a create/add carrying one fails. */
  fences: (lobbyId: string) => `lobby:{${lobbyId}}:fences`,
} as const;

export const TOMBSTONE_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim whose create/add has not landed after this long is presumed crashed and repaired. */
export const CLAIM_GRACE_MS = 5_000;
