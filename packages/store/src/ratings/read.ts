/** Reads for Realm: a player's history, one game, a profile's ratings, a leaderboard. */
import { GameRecordSchema, GlaceonError, createDecoder, type GameRecord, type QueueProfile } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { historyKeys, leaderboardKeys } from './keys.js';
import { displayRating, isProvisional, skillFromFields } from './model.js';
import { DEFAULT_RATING_TIERS, isRankedQueue, tierOf, type RatingTier } from './tiers.js';

const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;
const check = (id: string) => {
  if (!SAFE_ID.test(id)) throw new GlaceonError('INVALID_MESSAGE', 'Invalid id');
};
const recordDecoder = createDecoder(GameRecordSchema);

function parseRecord(text: string | null): GameRecord | null {
  if (text === null) return null;
  // The stored JSON also carries the per-player changes: drop them, then validate what we read back.
  const { changes: _drop, ...rest } = JSON.parse(text) as Record<string, unknown>;
  const decoded = recordDecoder.decode(rest);
  return decoded.ok ? decoded.value : null;
}

/** One game's record, or null when unknown or expired. */
export async function getGameRecord(redis: RedisClient, gameId: string): Promise<GameRecord | null> {
  check(gameId);
  return parseRecord(await redis.get(historyKeys.game(gameId)));
}

/** A page of a player's history, newest first (records that expired are skipped). */
export async function getPlayerHistory(
  redis: RedisClient,
  playerId: string,
  page: { offset: number; limit: number },
): Promise<{ games: GameRecord[]; total: number }> {
  check(playerId);
  const key = historyKeys.player(playerId);
  const [total, ids] = await Promise.all([redis.llen(key), redis.lrange(key, page.offset, page.offset + page.limit - 1)]);
  const texts = await Promise.all(ids.filter((id) => SAFE_ID.test(id)).map((id) => redis.get(historyKeys.game(id))));
  return { games: texts.map(parseRecord).filter((r): r is GameRecord => r !== null), total };
}

/** A player's rating, tier and counters in each of these queues. */
export async function getQueueProfiles(
  redis: RedisClient,
  playerId: string,
  queues: readonly string[],
  tiers: readonly RatingTier[] = DEFAULT_RATING_TIERS,
): Promise<QueueProfile[]> {
  check(playerId);
  const h = await redis.hgetall(keys.rating(playerId));
  return queues.map((q) => {
    const skill = skillFromFields({ mu: h[`${q}:mu`] ?? null, sigma: h[`${q}:sigma`] ?? null, elo: h[q] ?? null, games: h[`${q}:games`] ?? null });
    const games = Number(h[`${q}:games`] ?? 0) || 0;
    const rating = displayRating(skill);
    const ranked = isRankedQueue(q);
    const provisional = isProvisional(games);
    return {
      queue: q,
      ranked,
      rating,
      mu: Math.round(skill.mu * 100) / 100,
      sigma: Math.round(skill.sigma * 100) / 100,
      provisional,
      ...(ranked && !provisional ? { tier: tierOf(rating, tiers) } : {}),
      games,
      wins: Number(h[`${q}:wins`] ?? 0) || 0,
      form: (h[`${q}:form`] ?? '').replace(/[^WLD]/g, '').slice(0, 10),
    };
  });
}

/** The top `limit` of a queue's leaderboard, the player's own position, and its size. */
export async function getLeaderboard(
  redis: RedisClient,
  queue: string,
  playerId: string | undefined,
  limit = 100,
): Promise<{ top: { playerId: string; rating: number; position: number }[]; me?: { playerId: string; rating: number; position: number }; total: number }> {
  if (playerId !== undefined) check(playerId);
  const key = leaderboardKeys.queue(queue);
  const [flat, total, rank, score] = await Promise.all([
    redis.zrevrange(key, 0, Math.max(0, Math.min(100, limit)) - 1, 'WITHSCORES'),
    redis.zcard(key),
    playerId === undefined ? Promise.resolve(null) : redis.zrevrank(key, playerId),
    playerId === undefined ? Promise.resolve(null) : redis.zscore(key, playerId),
  ]);
  const top: { playerId: string; rating: number; position: number }[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) top.push({ playerId: flat[i] as string, rating: Number(flat[i + 1]), position: i / 2 + 1 });
  return {
    top,
    ...(playerId !== undefined && rank !== null && score !== null ? { me: { playerId, rating: Number(score), position: rank + 1 } } : {}),
    total,
  };
}
