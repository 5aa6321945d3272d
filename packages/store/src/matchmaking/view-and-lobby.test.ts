/**
 * getPlayerMatchViewAndLobby: the view Coral tells a player and the lobby copy it sends with it
 * come from one read, and agree with the separate reads (getPlayerMatchView, getLobby).
 */
import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { getLobby } from '../lobbies/index.js';
import { getPlayerMatchView, getPlayerMatchViewAndLobby, startQueue } from './index.js';
import { makeLobby } from '../test-support/lobbies.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('getPlayerMatchViewAndLobby', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  it('gives the same view as getPlayerMatchView and the lobby as getLobby, idle and queued', async () => {
    const l = await makeLobby(redis, '2v2', 2);
    for (const step of ['idle', 'queued'] as const) {
      if (step === 'queued') await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now: 1000 });
      for (const p of l.players) {
        const both = await getPlayerMatchViewAndLobby(redis, p, 2000);
        expect(both.view).toEqual(await getPlayerMatchView(redis, p, 2000));
        expect(both.view.state).toBe(step);
        expect(both.lobby).toEqual(await getLobby(redis, l.lobbyId));
        expect(both.lobby?.members.map((m) => m.id)).toEqual(l.players);
      }
    }
  });

  it('a player in no lobby: none, and no lobby', async () => {
    expect(await getPlayerMatchViewAndLobby(redis, 'p_nobody')).toEqual({ view: { state: 'none' }, lobby: null });
  });
});
