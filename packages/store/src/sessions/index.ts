/**
 * Sessions: opaque random tokens (256 bits), stored only as their SHA-256 with
 * a sliding TTL. Realm creates them; Coral resolves them at the socket upgrade.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';

export const SESSION_TOKEN_BYTES = 32;
export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Extend the TTL at most this often per session, so reads stay cheap. */
const SLIDE_EVERY_MS = 60_000;

export interface SessionInfo {
  playerId: string;
  name: string;
  tokenHash: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** base64url, 43 characters for 32 bytes. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedSessionToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export async function createSession(
  redis: RedisClient,
  player: { playerId: string; name: string },
  ttlMs = DEFAULT_SESSION_TTL_MS,
): Promise<{ token: string; tokenHash: string }> {
  const token = randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
  const tokenHash = hashToken(token);
  const now = Date.now();
  // Two slots (session, account): the session key is written first, so a crash
  // leaves at worst a session missing from the sign-out-everywhere index; that
  // index is advisory and the session still expires by TTL.
  await redis
    .multi()
    .hset(keys.session(tokenHash), { playerId: player.playerId, name: player.name, createdAt: now, slidAt: now })
    .pexpire(keys.session(tokenHash), ttlMs)
    .exec();
  await redis.sadd(keys.accountSessions(player.playerId), tokenHash);
  return { token, tokenHash };
}

/** The session behind a bearer token, or null. Slides the expiry. Never throws on a malformed token. */
export async function resolveSession(redis: RedisClient, token: string, ttlMs = DEFAULT_SESSION_TTL_MS): Promise<SessionInfo | null> {
  if (!isWellFormedSessionToken(token)) return null;
  const tokenHash = hashToken(token);
  const key = keys.session(tokenHash);
  const [playerId, name, slidAt] = await redis.hmget(key, 'playerId', 'name', 'slidAt');
  if (!playerId || !name) return null;
  const now = Date.now();
  if (now - Number(slidAt ?? 0) > SLIDE_EVERY_MS) {
    await redis.multi().hset(key, 'slidAt', now).pexpire(key, ttlMs).exec();
  }
  return { playerId, name, tokenHash };
}

export async function deleteSession(redis: RedisClient, tokenHash: string, playerId: string): Promise<void> {
  await redis.del(keys.session(tokenHash));
  await redis.srem(keys.accountSessions(playerId), tokenHash);
}

/** Sign out everywhere: every session of the player. */
export async function deleteAllSessions(redis: RedisClient, playerId: string): Promise<number> {
  const hashes = await redis.smembers(keys.accountSessions(playerId));
  // Sessions live in their own slots: delete one by one (cluster-safe).
  for (const h of hashes) await redis.del(keys.session(h));
  await redis.del(keys.accountSessions(playerId));
  return hashes.length;
}
