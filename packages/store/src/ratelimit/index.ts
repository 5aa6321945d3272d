/**
 * Fixed-window counters in Redis, shared by every Realm instance. Used for
 * limits that are about a subject rather than a client address (failed
 * sign-ins per account name); per-address route limits use
 * @fastify/rate-limit's Redis store.
 */
import type { RedisClient } from '../redis.js';
import { paceKey, rateLimitKey } from './keys.js';
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

export interface PacePolicy {
  /** The state's lifetime after the last attempt. */
  windowMs: number;
  /** Attempts allowed at once before the delays start. */
  freeAttempts: number;
  /** First delay; doubles with each further attempt, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export type PaceDecision = { ok: true; attempt: number } | { ok: false; retryInMs: number };

/**
 * Pace one more attempt of `client` on `subject` (lua/ratelimit/pace-1.lua):
 * slow down a repeated guesser instead of locking the subject for everyone.
 * `broadDelayMs` > 0 says the subject is under a broad attack: then every
 * client, a new one included, waits that long between attempts.
 */
export async function paceAttempt(
  redis: RedisClient,
  bucket: string,
  subject: string,
  client: string,
  policy: PacePolicy,
  broadDelayMs = 0,
): Promise<PaceDecision> {
  const [status, wait] = await rateLimitScripts(redis).pace(
    [paceKey(bucket, subject, client)],
    [Date.now(), policy.windowMs, policy.freeAttempts, policy.baseDelayMs, policy.maxDelayMs, broadDelayMs],
  );
  return status < 0 ? { ok: false, retryInMs: Number(wait) } : { ok: true, attempt: status };
}

export async function resetPace(redis: RedisClient, bucket: string, subject: string, client: string): Promise<void> {
  await redis.del(paceKey(bucket, subject, client));
}

export type TokenDecision = { ok: true; left: number } | { ok: false; retryInMs: number };

/**
 * Take one token from `subject`'s bucket (lua/ratelimit/take-token-1.lua):
 * `ratePerSec` tokens a second refill it, at most `burst` are held. Shared by
 * every instance; used per player for chat lines and direct messages.
 */
export async function takeToken(redis: RedisClient, bucket: string, subject: string, ratePerSec: number, burst: number): Promise<TokenDecision> {
  const [status, value] = await rateLimitScripts(redis).takeToken([rateLimitKey(bucket, subject)], [Date.now(), ratePerSec, burst]);
  return status < 0 ? { ok: false, retryInMs: Number(value) } : { ok: true, left: Number(value) };
}
