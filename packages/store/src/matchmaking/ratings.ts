/** Skills of a party's members in a mode (store/ratings; the model's prior when absent). */
import type { RedisClient } from '../redis.js';
import { getSkills, type Skill } from '../ratings/index.js';

export async function readRatings(redis: RedisClient, mode: string, playerIds: readonly string[]): Promise<Skill[]> {
  const byPlayer = await getSkills(redis, mode, playerIds);
  return playerIds.map((p) => byPlayer[p] as Skill);
}

/** A party's matching rating (mean of the members' means) and uncertainty (root mean square of their sigmas). */
export function partySkill(skills: readonly Skill[]): { rating: number; uncertainty: number } {
  const n = Math.max(1, skills.length);
  return {
    rating: skills.reduce((a, s) => a + s.mu, 0) / n,
    uncertainty: Math.sqrt(skills.reduce((a, s) => a + s.sigma * s.sigma, 0) / n),
  };
}
