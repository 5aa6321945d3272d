/**
 * Fixed-window counters in Redis, shared by every Realm instance. Used for
 * limits that are about a subject rather than a client address (failed
 * sign-ins per account name); per-address route limits use
 * @fastify/rate-limit's Redis store.
 */
import type { RedisClient } from '../redis.js';
import { rateLimitKey } from './keys.js';
import { rateLimitScripts } from './scripts.js';

export interface LimitState {
  count: number;
  resetInMs: number;
}

export async function hitLimit(redis: RedisClient, bucket: string, subject: string, windowMs: number): Promise<LimitState> {
  const [count, ttl] = await rateLimitScripts(redis).hit([rateLimitKey(bucket, subject)], [windowMs]);
  return { count: Number(count), resetInMs: Number(ttl) };
}

export async function peekLimit(redis: RedisClient, bucket: string, subject: string): Promise<LimitState> {
  const key = rateLimitKey(bucket, subject);
  const [count, ttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
  return { count: Number(count ?? 0), resetInMs: Math.max(0, ttl) };
}

export async function resetLimit(redis: RedisClient, bucket: string, subject: string): Promise<void> {
  await redis.del(rateLimitKey(bucket, subject));
}
