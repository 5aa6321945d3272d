/** Ratings of a party's members in a mode (store/ratings; 1500 when absent). */
import type { RedisClient } from '../redis.js';
import { getRatings } from '../ratings/index.js';

export async function readRatings(redis: RedisClient, mode: string, playerIds: readonly string[]): Promise<number[]> {
  const byPlayer = await getRatings(redis, mode, playerIds);
  return playerIds.map((p) => byPlayer[p] as number);
}
