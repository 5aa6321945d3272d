import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { hitLimit, peekLimit, resetLimit } from './index.js';
import { rateLimitKey } from './keys.js';
import { useRealRedis } from '../test-support/real-redis.js';

describe('rate-limit counters', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  it('counts atomically under concurrency and expires with its window', async () => {
    const hits = await Promise.all(Array.from({ length: 50 }, () => hitLimit(redis, 'signin', 'Ada', 60_000)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await peekLimit(redis, 'signin', 'Ada')).count).toBe(50);
    expect(rateLimitKey('signin', 'Ada')).not.toContain('Ada');
    await resetLimit(redis, 'signin', 'Ada');
    expect((await peekLimit(redis, 'signin', 'Ada')).count).toBe(0);
    await hitLimit(redis, 'signin', 'Bo', 20);
    await expect.poll(() => peekLimit(redis, 'signin', 'Bo').then((s) => s.count)).toBe(0);
  });
});
