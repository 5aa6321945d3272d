/**
 * Sessions: opaque random tokens (256 bits), stored only as their SHA-256.
 * Each session carries its own sliding TTL (Realm's SESSION_TTL_MS when it was
 * created) and an absolute end (createdAt + the maximum lifetime): whoever
 * resolves it (Realm on every request, Coral at the socket upgrade) slides it
 * by its own TTL, never past its end. Revocations are published so every Coral
 * closes the revoked sessions' sockets (revocation.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { publishSessionsRevoked } from './revocation.js';

export * from './revocation.js';
export * from './socket-watch.js';

export const SESSION_TOKEN_BYTES = 32;
export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const DEFAULT_SESSION_MAX_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_SESSIONS_PER_ACCOUNT = 10;
/** Extend the TTL at most this often per session, so reads stay cheap. */
const SLIDE_EVERY_MS = 60_000;

export interface SessionInfo {
  playerId: string;
  name: string;
  tokenHash: string;
}

export interface SessionPolicy {
  /** Sliding TTL: the session ends this long after its last use. */
  ttlMs: number;
  /** Absolute lifetime: the session ends this long after sign-in, whatever its use. */
  maxLifetimeMs: number;
  /** Sessions one account may hold; signing in past it revokes the oldest. */
  maxPerAccount: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  ttlMs: DEFAULT_SESSION_TTL_MS,
  maxLifetimeMs: DEFAULT_SESSION_MAX_LIFETIME_MS,
  maxPerAccount: DEFAULT_MAX_SESSIONS_PER_ACCOUNT,
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** base64url, 43 characters for 32 bytes. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedSessionToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/**
 * Sign-in: prune the account's session index (hashes whose session expired),
 * revoke the oldest past `maxPerAccount - 1`, then create the new session.
 * Returns the revoked hashes (already published) so Realm can close their
 * event sockets too.
 */
export async function createSession(
  redis: RedisClient,
  player: { playerId: string; name: string },
  policy: Partial<SessionPolicy> = {},
): Promise<{ token: string; tokenHash: string; expiresInMs: number; revoked: string[] }> {
  const { ttlMs, maxLifetimeMs, maxPerAccount } = { ...DEFAULT_SESSION_POLICY, ...policy };
  const revoked = await pruneSessions(redis, player.playerId, Math.max(0, maxPerAccount - 1));
  const token = randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
  const tokenHash = hashToken(token);
  const now = Date.now();
  const firstTtl = Math.min(ttlMs, maxLifetimeMs);
  // Two slots (session, account): the session key is written first, so a crash
  // leaves at worst a session missing from the index; it still ends by its TTL.
  await redis
    .multi()
    .hset(keys.session(tokenHash), { playerId: player.playerId, name: player.name, createdAt: now, slidAt: now, ttlMs, endsAt: now + maxLifetimeMs })
    .pexpire(keys.session(tokenHash), firstTtl)
    .exec();
  await redis.sadd(keys.accountSessions(player.playerId), tokenHash);
  return { token, tokenHash, expiresInMs: firstTtl, revoked };
}

/**
 * Drop index entries of ended sessions; past `keep`, revoke the oldest live
 * ones. The index is one slot, the sessions others: read with one pipeline,
 * then delete one by one (cluster-safe).
 */
async function pruneSessions(redis: RedisClient, playerId: string, keep: number): Promise<string[]> {
  const hashes = await redis.smembers(keys.accountSessions(playerId));
  if (hashes.length === 0) return [];
  const created = await Promise.all(hashes.map((h) => redis.hget(keys.session(h), 'createdAt')));
  const live: { hash: string; createdAt: number }[] = [];
  const gone: string[] = [];
  hashes.forEach((hash, i) => {
    const c = created[i];
    if (c === null || c === undefined) gone.push(hash);
    else live.push({ hash, createdAt: Number(c) });
  });
  live.sort((a, b) => a.createdAt - b.createdAt);
  const revoked = live.slice(0, Math.max(0, live.length - keep)).map((s) => s.hash);
  if (gone.length > 0) await redis.srem(keys.accountSessions(playerId), ...gone);
  if (revoked.length > 0) await revokeSessions(redis, playerId, revoked);
  return revoked;
}

/**
 * The session behind a bearer token, or null. Slides the expiry by the
 * session's own TTL (`fallbackTtlMs` only for sessions created before the TTL
 * was stored), never past its absolute end. Never throws on a malformed token.
 */
export async function resolveSession(redis: RedisClient, token: string, fallbackTtlMs = DEFAULT_SESSION_TTL_MS): Promise<SessionInfo | null> {
  if (!isWellFormedSessionToken(token)) return null;
  const tokenHash = hashToken(token);
  const key = keys.session(tokenHash);
  const [playerId, name, slidAt, storedTtl, endsAt] = await redis.hmget(key, 'playerId', 'name', 'slidAt', 'ttlMs', 'endsAt');
  if (!playerId || !name) return null;
  const now = Date.now();
  const end = endsAt ? Number(endsAt) : Number.POSITIVE_INFINITY;
  if (now >= end) {
    await revokeSessions(redis, playerId, [tokenHash]);
    return null;
  }
  if (now - Number(slidAt ?? 0) > SLIDE_EVERY_MS) {
    const ttl = Math.max(1, Math.min(storedTtl ? Number(storedTtl) : fallbackTtlMs, end - now));
    await redis.multi().hset(key, 'slidAt', now).pexpire(key, ttl).exec();
  }
  return { playerId, name, tokenHash };
}

/** Which of these sessions still exist (Coral's periodic re-check of its open sockets). */
export async function liveSessionHashes(redis: RedisClient, tokenHashes: readonly string[]): Promise<Set<string>> {
  const exists = await Promise.all(tokenHashes.map((h) => redis.exists(keys.session(h))));
  return new Set(tokenHashes.filter((_, i) => exists[i] === 1));
}

/** Whether the player has a live session other than `exceptHash` (signed in on another device). */
export async function hasOtherLiveSession(redis: RedisClient, playerId: string, exceptHash: string): Promise<boolean> {
  const others = (await redis.smembers(keys.accountSessions(playerId))).filter((h) => h !== exceptHash);
  return others.length > 0 && (await liveSessionHashes(redis, others)).size > 0;
}

/** End these sessions of one player and tell every Coral. */
export async function revokeSessions(redis: RedisClient, playerId: string, tokenHashes: readonly string[]): Promise<void> {
  if (tokenHashes.length === 0) return;
  for (const h of tokenHashes) await redis.del(keys.session(h));
  await redis.srem(keys.accountSessions(playerId), ...tokenHashes);
  await publishSessionsRevoked(redis, tokenHashes);
}

export async function deleteSession(redis: RedisClient, tokenHash: string, playerId: string): Promise<void> {
  await revokeSessions(redis, playerId, [tokenHash]);
}

/** Sign out everywhere: every session of the player. */
export async function deleteAllSessions(redis: RedisClient, playerId: string): Promise<number> {
  const hashes = await redis.smembers(keys.accountSessions(playerId));
  // Sessions live in their own slots: delete one by one (cluster-safe).
  await revokeSessions(redis, playerId, hashes);
  await redis.del(keys.accountSessions(playerId));
  return hashes.length;
}
