import { describe, expect, it } from 'vitest';
import { newId } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { dueLeavesAfterGame, markLeaveAfterGame, settleLeavesAfterGame, takeLeavesAfterGame } from './leave-after-game.js';
import { leaveAfterGameDueKey } from './keys.js';
import { useRealRedis } from '../test-support/real-redis.js';

describe("leaves after a game and the sweep's index (real Redis)", () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  it('a mark makes its lobby due; a lobby still in its game is looked at again later; a settled one leaves the index', async () => {
    const lobbyId = newId('l_');
    await markLeaveAfterGame(redis, lobbyId, 'p_a', 1000);
    expect(await dueLeavesAfterGame(redis, 999)).not.toContain(lobbyId);
    expect(await dueLeavesAfterGame(redis, 1000)).toContain(lobbyId);

    await settleLeavesAfterGame(redis, lobbyId, 5000);
    expect(await dueLeavesAfterGame(redis, 4999)).not.toContain(lobbyId);
    expect(await dueLeavesAfterGame(redis, 5000)).toContain(lobbyId);

    expect(await takeLeavesAfterGame(redis, lobbyId)).toEqual(['p_a']);
    await settleLeavesAfterGame(redis, lobbyId, null);
    expect(await redis.zscore(leaveAfterGameDueKey, lobbyId)).toBeNull();
    // A late "still in a game" from another Realm's sweep does not put it back.
    await settleLeavesAfterGame(redis, lobbyId, 9000);
    expect(await redis.zscore(leaveAfterGameDueKey, lobbyId)).toBeNull();
  });

  it('a mark written after the marks were taken keeps its lobby in the index', async () => {
    const lobbyId = newId('l_');
    await markLeaveAfterGame(redis, lobbyId, 'p_a', 1000);
    expect(await takeLeavesAfterGame(redis, lobbyId)).toEqual(['p_a']);
    // The player was marked again (the lobby is in a game again) before the sweep settled.
    await markLeaveAfterGame(redis, lobbyId, 'p_a', 2000);
    await settleLeavesAfterGame(redis, lobbyId, null);
    expect(await redis.zscore(leaveAfterGameDueKey, lobbyId)).not.toBeNull();
    expect(await takeLeavesAfterGame(redis, lobbyId)).toEqual(['p_a']);
  });

  it('the sweep reads at most its limit, oldest first', async () => {
    const ids = [newId('l_'), newId('l_'), newId('l_')];
    for (const [i, id] of ids.entries()) await markLeaveAfterGame(redis, id, 'p_a', 100 + i);
    expect(await dueLeavesAfterGame(redis, 200, 2)).toEqual(ids.slice(0, 2));
  });
});
