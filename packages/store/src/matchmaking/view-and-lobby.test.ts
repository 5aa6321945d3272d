/**
 * getPlayerMatchViewAndLobby: the view Coral tells a player and the lobby copy it sends with it
 * come from one read, and agree with the separate reads (getPlayerMatchView, getLobby).
 */
import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { createLobby, getLobby, leaveLobby } from '../lobbies/index.js';
import { commandsDuring } from '../test-support/commands.js';
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

  it('with a hint that lists the player: the same view and lobby, without reading the pointer', async () => {
    const l = await makeLobby(redis, '2v2', 2);
    await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now: 1000 });
    for (const p of l.players) {
      let both: Awaited<ReturnType<typeof getPlayerMatchViewAndLobby>> | undefined;
      const used = await commandsDuring(redis, async () => (both = await getPlayerMatchViewAndLobby(redis, p, 2000, l.lobbyId)));
      expect(used.hget).toBeUndefined();
      expect(used.hgetall).toBe(1);
      expect(both).toEqual(await getPlayerMatchViewAndLobby(redis, p, 2000));
      expect(both?.view).toMatchObject({ state: 'queued', lobbyId: l.lobbyId });
    }
  });

  it('with a hint that does not list the player (left, or never in it): the pointer decides', async () => {
    const old = await makeLobby(redis, '2v2', 2);
    const leaver = old.players[1] as string;
    await leaveLobby(redis, { lobbyId: old.lobbyId, playerId: leaver });
    expect(await getPlayerMatchViewAndLobby(redis, leaver, 2000, old.lobbyId)).toEqual({ view: { state: 'none' }, lobby: null });
    const mine = await createLobby(redis, { hostId: leaver, hostName: 'leaver', mode: '2v2' });
    const used = await commandsDuring(redis, async () => {
      const both = await getPlayerMatchViewAndLobby(redis, leaver, 2000, old.lobbyId);
      expect(both.view).toMatchObject({ state: 'idle', lobbyId: mine.id });
      expect(both.lobby?.id).toBe(mine.id);
    });
    expect(used.hget).toBe(1);
    expect(used.hgetall).toBe(2); // the hinted lobby, then the pointer's
    expect(await getPlayerMatchViewAndLobby(redis, leaver, 2000, 'l_gone000000000000000000')).toMatchObject({ view: { state: 'idle', lobbyId: mine.id } });
  });

  it('a player in no lobby: none, and no lobby', async () => {
    expect(await getPlayerMatchViewAndLobby(redis, 'p_nobody')).toEqual({ view: { state: 'none' }, lobby: null });
  });
});
