/**
 * getPlayerMatchViewAndLobby: the view Coral tells a player and the lobby copy it sends with it
 * come from one read, and agree with the separate reads (getPlayerMatchView, getLobby).
 */
import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { createLobby, getLobby, leaveLobby } from '../lobbies/index.js';
import { commandsDuring } from '../test-support/commands.js';
import { keys } from '../keys.js';
import { queueKeys } from './keys.js';
import { applyMirrors } from './mirror.js';
import { runJson } from './scripts.js';
import type { PlayerMatchView } from './types.js';
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

  it('a dead entry whose lobby mirror is in flight: the read waits for the mirror instead of repairing it', async () => {
    const l = await makeLobby(redis, '2v2', 1);
    const q = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now: 1000 });
    // The queue step of a cancel, as its Coral runs it; the lobby still points at the dead entry.
    const step = await runJson(redis, 'cancel-ticket', [queueKeys.tag(q.mode)], [q.ticket, 'cancelled', 2000, l.lobbyId, l.host]);
    expect(step.r).toBe(1);
    const owner = redis.duplicate();
    try {
      // The owner's mirror lands 10 ms into the read (on its own connection).
      const landed = new Promise((resolve) => setTimeout(resolve, 10)).then(() => applyMirrors(owner, q.mode, step.a, 2000));
      let view: PlayerMatchView | undefined;
      const used = await commandsDuring(redis, async () => {
        view = await getPlayerMatchView(redis, l.host, 3000);
        await landed;
      });
      expect(view).toMatchObject({ state: 'idle', lobbyId: l.lobbyId, idleReason: 'cancelled' });
      expect(used.script).toBeUndefined(); // no fence, no mirror, no outbox step of its own
    } finally {
      owner.disconnect();
    }
  });

  it('a dead entry whose mirror never comes (its Coral died) is repaired by the read after that wait', async () => {
    const l = await makeLobby(redis, '2v2', 1);
    const q = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now: 1000 });
    expect((await runJson(redis, 'cancel-ticket', [queueKeys.tag(q.mode)], [q.ticket, 'cancelled', 2000, l.lobbyId, l.host])).r).toBe(1);
    expect(await getPlayerMatchView(redis, l.host, 3000)).toMatchObject({ state: 'idle', lobbyId: l.lobbyId });
    expect(await redis.hget(keys.lobby(l.lobbyId), 'state')).toBe('idle');
    expect(await redis.zscore(queueKeys.outbox(q.mode), q.ticket)).toBeNull();
  });

  it('a player in no lobby: none, and no lobby', async () => {
    expect(await getPlayerMatchViewAndLobby(redis, 'p_nobody')).toEqual({ view: { state: 'none' }, lobby: null });
  });
});
