import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { createSession, deleteAllSessions, deleteSession, hashToken, liveSessionHashes, resolveSession } from './index.js';
import { useRealRedis } from '../test-support/real-redis.js';

describe('sessions', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  it('stores only the hash of a 256-bit token and resolves it back', async () => {
    const { token, tokenHash } = await createSession(redis, { playerId: 'p_a', name: 'Ada' });
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokenHash).toBe(hashToken(token));
    expect(await redis.exists(keys.session(token))).toBe(0);
    expect(await redis.exists(keys.session(tokenHash))).toBe(1);
    expect(await resolveSession(redis, token)).toEqual({ playerId: 'p_a', name: 'Ada', tokenHash });
    expect(await redis.pttl(keys.session(tokenHash))).toBeGreaterThan(0);
  });

  it('rejects malformed, unknown and deleted tokens', async () => {
    expect(await resolveSession(redis, '')).toBeNull();
    expect(await resolveSession(redis, 'x'.repeat(43))).toBeNull();
    expect(await resolveSession(redis, '../../etc/passwd')).toBeNull();
    const s = await createSession(redis, { playerId: 'p_b', name: 'Bo' });
    await deleteSession(redis, s.tokenHash, 'p_b');
    expect(await resolveSession(redis, s.token)).toBeNull();
  });

  it('signs out everywhere', async () => {
    const one = await createSession(redis, { playerId: 'p_c', name: 'Cy' });
    const two = await createSession(redis, { playerId: 'p_c', name: 'Cy' });
    expect(await deleteAllSessions(redis, 'p_c')).toBe(2);
    expect(await resolveSession(redis, one.token)).toBeNull();
    expect(await resolveSession(redis, two.token)).toBeNull();
  });

  it('slides by the TTL stored with the session, whoever resolves it, never past its absolute end', async () => {
    const s = await createSession(redis, { playerId: 'p_d', name: 'Di' }, { ttlMs: 120_000, maxLifetimeMs: 600_000 });
    expect(await redis.hget(keys.session(s.tokenHash), 'ttlMs')).toBe('120000');
    await redis.hset(keys.session(s.tokenHash), 'slidAt', 0);
    // Coral's call passes no TTL: the stored one applies, not 30 days.
    await resolveSession(redis, s.token);
    expect(await redis.pttl(keys.session(s.tokenHash))).toBeLessThanOrEqual(120_000);
    await redis.hset(keys.session(s.tokenHash), { slidAt: 0, endsAt: Date.now() + 30_000 });
    await resolveSession(redis, s.token);
    expect(await redis.pttl(keys.session(s.tokenHash))).toBeLessThanOrEqual(30_000);
    await redis.hset(keys.session(s.tokenHash), 'endsAt', Date.now() - 1);
    expect(await resolveSession(redis, s.token)).toBeNull();
    expect(await redis.exists(keys.session(s.tokenHash))).toBe(0);
  });

  it('tells which sessions are live', async () => {
    const a = await createSession(redis, { playerId: 'p_e', name: 'Ed' });
    const b = await createSession(redis, { playerId: 'p_e', name: 'Ed' });
    await deleteSession(redis, a.tokenHash, 'p_e');
    expect([...(await liveSessionHashes(redis, [a.tokenHash, b.tokenHash]))]).toEqual([b.tokenHash]);
  });
});
