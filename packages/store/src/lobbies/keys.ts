import { keys } from '../keys.js';

/** Lobby keys private to Realm's lobby steps; all share the lobby's hash tag. */
export const lobbyKeys = {
  lobby: keys.lobby,
  /** Tombstone of a closed lobby: stops a late create/add for this id. */
  dead: (lobbyId: string) => `lobby:{${lobbyId}}:dead`,
  /** Set of claim nonces fenced by a repair: a create/add carrying one fails. */
  fences: (lobbyId: string) => `lobby:{${lobbyId}}:fences`,
  /** Pending join requests (hash requesterId -> JSON JoinRequest), expiring with the newest request's TTL. */
  joinRequests: (lobbyId: string) => `lobby:{${lobbyId}}:join-requests`,
  /** Members who signed out during a game (hash playerId -> at): they leave when the lobby is idle again. */
  leaveAfterGame: (lobbyId: string) => `lobby:{${lobbyId}}:leave-after-game`,
} as const;

/**
 * Lobbies holding leaves after a game, by when a Realm should next look (ms). The
 * one index outside a lobby's slot: it is how a party whose every member signed
 * out still gets its leaves carried out, with nobody online to see it go idle.
 */
export const leaveAfterGameDueKey = '{lobbies}:leave-after-game-due';

/**
 * Tombstones and fences stop a *late* create/add of the same request (a slow
 * step overtaken by its repair), which lands within seconds (CLAIM_GRACE_MS
 * before a repair even starts). Ten minutes is ample; a day only left keys
 * behind every closed lobby (#12 item 9). A join to a lobby whose tombstone
 * expired still fails: add-member needs the lobby key itself.
 */
export const TOMBSTONE_TTL_MS = 10 * 60 * 1000;
/** A claim whose create/add has not landed after this long is presumed crashed and repaired. */
export const CLAIM_GRACE_MS = 5_000;
