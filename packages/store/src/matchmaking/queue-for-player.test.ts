import { describe, expect, it } from 'vitest';
import { keys } from '../keys.js';
import type { RedisClient } from '../redis.js';
import { getPlayerMatchView, startQueueForPlayer } from './index.js';
import { makeLobby } from '../test-support/lobbies.js';
import { commandsDuring } from '../test-support/commands.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('startQueueForPlayer (the lobby the player is in, with a hint)', () => {
  let redis: RedisClient;
  useRealRedis((ready) => {
    redis = ready.redis;
  });

  it('a right hint: the player pointer and the lobby are read together, once', async () => {
    const l = await makeLobby(redis, '2v2', 2);
    const used = await commandsDuring(redis, () => startQueueForPlayer(redis, { queues: TEST_QUEUES, playerId: l.host, lobbyHint: l.lobbyId }));
    // One hget (player) and one hmget (lobby) side by side; the ratings are the other reads (one hmget of mu, sigma per member).
    expect(used.hget).toBe(1);
    expect(used.hmget).toBe(1 + 2);
    expect(await getPlayerMatchView(redis, l.players[1] as string)).toMatchObject({ state: 'queued', lobbyId: l.lobbyId });
  });

  it('a wrong hint queues the lobby the player is really in and leaves the hinted one alone', async () => {
    const mine = await makeLobby(redis, '2v2', 1);
    const other = await makeLobby(redis, '2v2', 1);
    const before = await redis.hgetall(keys.lobby(other.lobbyId));
    const used = await commandsDuring(redis, () => startQueueForPlayer(redis, { queues: TEST_QUEUES, playerId: mine.host, lobbyHint: other.lobbyId }));
    expect(used.hmget).toBe(2 + 1); // the hinted lobby (read beside the pointer), then the right one; plus the member's rating
    expect(await getPlayerMatchView(redis, mine.host)).toMatchObject({ state: 'queued', lobbyId: mine.lobbyId });
    expect(await redis.hgetall(keys.lobby(other.lobbyId))).toEqual(before);
    expect(await getPlayerMatchView(redis, other.host)).toMatchObject({ state: 'idle' });
  });

  it('a player in no lobby gets NOT_IN_LOBBY, whatever the hint, and nothing is written', async () => {
    const other = await makeLobby(redis, '2v2', 1);
    const before = await redis.dbsize();
    await expect(startQueueForPlayer(redis, { queues: TEST_QUEUES, playerId: 'p_nobody0000000000000000', lobbyHint: other.lobbyId })).rejects.toMatchObject({
      code: 'NOT_IN_LOBBY',
    });
    expect(await redis.dbsize()).toBe(before);
  });
});
