/** Keys of ratings, history and leaderboards (this domain builds them; docs/redis/fleet.md lists them). */
import { keys } from '../keys.js';

export const historyKeys = {
  /** Zset: game ids already applied to this player (newest 50), so a retry never counts a game twice. */
  appliedGames: (playerId: string) => `${keys.rating(playerId)}:applied`,
  /** List: the player's game ids, newest first (bounded, expiring). */
  player: (playerId: string) => `history:{${playerId}}`,
  /** String JSON: one game's record with every change, first writer wins, expiring. */
  game: (gameId: string) => `history:game:{${gameId}}`,
} as const;

export const leaderboardKeys = {
  /** Zset: player id -> display rating, one per ranked queue (its own hash tag). */
  queue: (mode: string) => `leaderboard:{lb:${mode}}`,
} as const;

/** Players kept per leaderboard (the lowest fall off). */
export const LEADERBOARD_KEEP = 100_000;

export interface HistoryRetention {
  /** Games kept in a player's history list. */
  perPlayer: number;
  /** How long a game record (and an idle player's history list) lives, ms. */
  gameTtlMs: number;
}

export const DEFAULT_HISTORY_RETENTION: HistoryRetention = { perPlayer: 100, gameTtlMs: 90 * 24 * 60 * 60_000 };
