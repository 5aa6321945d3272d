import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { applyGameRatings, DEFAULT_RATING, eloTeamDeltas, expectedScore, getRatings } from './index.js';
import { useRealRedis } from '../test-support/real-redis.js';

describe('elo', () => {
  it('is plain Elo for two teams and zero-sum', () => {
    expect(expectedScore(1500, 1500)).toBe(0.5);
    expect(eloTeamDeltas([1500, 1500], 0)).toEqual([16, -16]);
    expect(eloTeamDeltas([1500, 1500], undefined)).toEqual([0, 0]);
    const [a, b] = eloTeamDeltas([1700, 1500], 1);
    expect(b).toBeGreaterThan(16); // an upset gains more
    expect(a! + b!).toBe(0);
    const three = eloTeamDeltas([1500, 1500, 1500], 2);
    expect(three).toEqual([-8, -8, 16]);
  });
});

describe('ratings store', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  it('defaults to 1500 and applies a game exactly once, even when delivered concurrently', async () => {
    expect(await getRatings(redis, '2v2', ['p_a', 'p_b'])).toEqual({ p_a: DEFAULT_RATING, p_b: DEFAULT_RATING });
    const game = {
      gameId: 'g_r1',
      mode: '2v2',
      teams: 2,
      winningTeam: 0,
      roster: [
        { playerId: 'p_a', team: 0 },
        { playerId: 'p_b', team: 0 },
        { playerId: 'p_c', team: 1 },
        { playerId: 'p_d', team: 1 },
      ],
    };
    const results = await Promise.all([applyGameRatings(redis, game), applyGameRatings(redis, game), applyGameRatings(redis, game)]);
    expect(results[0]).toEqual(results[1]);
    expect(results[0]?.p_a).toEqual({ before: 1500, after: 1516, delta: 16 });
    await applyGameRatings(redis, game);
    expect(await getRatings(redis, '2v2', ['p_a', 'p_b', 'p_c', 'p_d'])).toEqual({ p_a: 1516, p_b: 1516, p_c: 1484, p_d: 1484 });
    expect(await getRatings(redis, '1v1', ['p_a'])).toEqual({ p_a: 1500 }); // per mode
    // A second game uses the new ratings.
    const next = await applyGameRatings(redis, { ...game, gameId: 'g_r2', winningTeam: 1 });
    expect(next.p_c?.delta).toBeGreaterThan(16);
    expect(await redis.hget('rating:{p_a}', '2v2:games')).toBe('2');
  });

  it('refuses bad mode and ids', async () => {
    await expect(getRatings(redis, 'BAD MODE', ['p_a'])).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
    await expect(getRatings(redis, '1v1', ['p_{x}'])).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
  });
});
