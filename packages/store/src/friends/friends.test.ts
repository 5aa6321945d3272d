import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { acceptFriendRequest, blockPlayer, getFriendGraph, sendFriendRequest } from './index.js';
import { friendKeys } from './keys.js';
import { useRealRedis } from '../test-support/real-redis.js';

describe('friends store', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  it('keeps each side in its own slot and completes an accept interrupted after the first step', async () => {
    expect(await sendFriendRequest(redis, 'p_a', 'p_b')).toBe('requested');
    for (const k of friendKeys('p_a')) expect(k).toContain('{p_a}');
    // Crash simulation: the accepter's side ran, the requester's did not.
    await redis.hdel(friendKeys('p_b')[1], 'p_a');
    await redis.hset(friendKeys('p_b')[0], 'p_a', Date.now());
    expect((await getFriendGraph(redis, 'p_a')).friends.size).toBe(0);
    await acceptFriendRequest(redis, 'p_b', 'p_a'); // the retry completes it
    expect([...(await getFriendGraph(redis, 'p_a')).friends.keys()]).toEqual(['p_b']);
    expect((await getFriendGraph(redis, 'p_a')).outgoing.size).toBe(0);
  });

  it('a block removes the friendship both ways and refuses requests', async () => {
    await blockPlayer(redis, 'p_b', 'p_a');
    expect((await getFriendGraph(redis, 'p_a')).friends.size).toBe(0);
    await expect(sendFriendRequest(redis, 'p_a', 'p_b')).rejects.toMatchObject({ code: 'BLOCKED' });
    expect((await getFriendGraph(redis, 'p_a')).outgoing.size).toBe(0);
    await expect(sendFriendRequest(redis, 'p_a', 'p_a')).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
  });
});
