import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { loadSizeWaits, saveSizeWaits, MAX_WAITS_PER_SIZE, SIZE_WAITS_TTL_MS } from './index.js';
import { queueKeys } from './keys.js';
import { useRealRedis } from '../test-support/real-redis.js';

describe('recent waits by party size (a leader hands them to the next)', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  it('round-trips newest last, keeps the newest MAX_WAITS_PER_SIZE per size, rounds and clamps, and expires', async () => {
    const many = Array.from({ length: MAX_WAITS_PER_SIZE + 20 }, (_, i) => i * 10);
    await saveSizeWaits(
      redis,
      '2v2@eu',
      new Map([
        [1, [1500.4, 2000, -3]],
        [2, many],
      ]),
    );
    const loaded = await loadSizeWaits(redis, '2v2@eu');
    expect(loaded.get(1)).toEqual([1500, 2000, 0]);
    expect(loaded.get(2)).toEqual(many.slice(-MAX_WAITS_PER_SIZE));
    const ttl = await redis.pttl(queueKeys.sizeWaits('2v2@eu'));
    expect(ttl).toBeGreaterThan(SIZE_WAITS_TTL_MS - 5_000);
    expect(ttl).toBeLessThanOrEqual(SIZE_WAITS_TTL_MS);
    // Saving replaces: a size no longer known is gone; nothing to save leaves nothing.
    await saveSizeWaits(redis, '2v2@eu', new Map([[2, [700]]]));
    expect(await loadSizeWaits(redis, '2v2@eu')).toEqual(new Map([[2, [700]]]));
    await saveSizeWaits(redis, '2v2@eu', new Map());
    expect(await redis.exists(queueKeys.sizeWaits('2v2@eu'))).toBe(0);
  });

  it('leaves out what is not a list of waits: a bad size, a bad number, too many values', async () => {
    await redis.hset(queueKeys.sizeWaits('1v1@us'), {
      '1': '100,200',
      '0': '5',
      '01': '5',
      x: '5',
      '2': '100,abc',
      '3': '-5',
      '4': '1e3',
      '5': Array.from({ length: MAX_WAITS_PER_SIZE + 1 }, () => '1').join(','),
      '6': '',
    });
    expect(await loadSizeWaits(redis, '1v1@us')).toEqual(new Map([[1, [100, 200]]]));
    expect(await loadSizeWaits(redis, 'nothing-here')).toEqual(new Map());
  });
});
