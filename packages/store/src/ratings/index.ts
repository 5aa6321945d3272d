/**
 * Ratings: Elo per queue mode (K=32, 1500 when absent), stored in
 * `rating:{<playerId>}` (field per mode), read by Coral for matching and
 * changed once per completed game.
 */
import { GlaceonError } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { DEFAULT_RATING, eloTeamDeltas } from './elo.js';
import { ratingScripts } from './scripts.js';

export { DEFAULT_RATING, ELO_K, eloTeamDeltas, expectedScore } from './elo.js';

const ratingKeys = {
  /** Zset: game ids already applied to this player (newest 50), so a retry never counts a game twice. */
  applied: (playerId: string) => `${keys.rating(playerId)}:applied`,
  /** String JSON: the changes computed for one game, first writer wins, so every retry applies the same numbers. */
  game: (gameId: string) => `ratings:game:{${gameId}}`,
} as const;

const APPLIED_KEEP = 50;
const GAME_CHANGES_TTL_MS = 7 * 24 * 60 * 60_000;
const MODE_PATTERN = /^[a-z0-9]{2,16}$/;
const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;

function checkMode(mode: string): void {
  if (!MODE_PATTERN.test(mode)) throw new GlaceonError('INVALID_MESSAGE', `Invalid mode ${JSON.stringify(mode)}`);
}
function checkId(id: string): void {
  if (!SAFE_ID.test(id)) throw new GlaceonError('INVALID_MESSAGE', 'Invalid id');
}

/** Ratings of these players in this mode (1500 for a player never rated). */
export async function getRatings(redis: RedisClient, mode: string, playerIds: readonly string[]): Promise<Record<string, number>> {
  checkMode(mode);
  playerIds.forEach(checkId);
  // One key per player, each in its own slot: independent reads, in parallel.
  const values = await Promise.all(playerIds.map((p) => redis.hget(keys.rating(p), mode)));
  const out: Record<string, number> = {};
  playerIds.forEach((p, i) => {
    const n = Number(values[i]);
    out[p] = values[i] !== null && Number.isFinite(n) ? n : DEFAULT_RATING;
  });
  return out;
}

export interface RatingChange {
  before: number;
  after: number;
  delta: number;
}

/**
 * Apply a completed game's result. Idempotent per game: the changes are
 * computed once (stored under the game, first writer wins) and each player's
 * is applied at most once, so a retry after a crash, or two Corals delivering
 * the same ending, changes nothing more. `winningTeam` undefined = a draw.
 */
export async function applyGameRatings(
  redis: RedisClient,
  game: { gameId: string; mode: string; roster: readonly { playerId: string; team: number }[]; teams: number; winningTeam?: number },
): Promise<Record<string, RatingChange>> {
  checkMode(game.mode);
  checkId(game.gameId);
  const gameKey = ratingKeys.game(game.gameId);
  let stored = await redis.get(gameKey);
  if (stored === null) {
    const before = await getRatings(
      redis,
      game.mode,
      game.roster.map((p) => p.playerId),
    );
    const teamRatings = Array.from({ length: game.teams }, (_, team) => {
      const members = game.roster.filter((p) => p.team === team);
      return members.length === 0 ? DEFAULT_RATING : members.reduce((s, p) => s + (before[p.playerId] ?? DEFAULT_RATING), 0) / members.length;
    });
    const teamDeltas = eloTeamDeltas(teamRatings, game.winningTeam);
    const changes: Record<string, { before: number; delta: number }> = {};
    for (const p of game.roster) changes[p.playerId] = { before: before[p.playerId] ?? DEFAULT_RATING, delta: teamDeltas[p.team] ?? 0 };
    await redis.set(gameKey, JSON.stringify(changes), 'PX', GAME_CHANGES_TTL_MS, 'NX');
    stored = await redis.get(gameKey);
    if (stored === null) throw new GlaceonError('INTERNAL', 'Rating changes vanished while being written');
  }
  const changes = JSON.parse(stored) as Record<string, { before: number; delta: number }>;
  const out: Record<string, RatingChange> = {};
  for (const [playerId, c] of Object.entries(changes)) {
    checkId(playerId);
    await ratingScripts(redis).applyDelta(
      [keys.rating(playerId), ratingKeys.applied(playerId)],
      [game.mode, game.gameId, c.delta, DEFAULT_RATING, APPLIED_KEEP],
    );
    out[playerId] = { before: c.before, after: c.before + c.delta, delta: c.delta };
  }
  return out;
}
