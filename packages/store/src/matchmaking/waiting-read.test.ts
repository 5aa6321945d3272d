import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { listWaiting, startQueue, type WaitingReadState, type WaitingTicket } from './index.js';
import { makeLobby } from '../test-support/lobbies.js';
import { commandsDuring } from '../test-support/commands.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('listWaiting with a cache (the leader’s read)', () => {
  let redis: RedisClient;
  useRealRedis((ready) => {
    redis = ready.redis;
  });

  const queue = async (size: number, now: number) => {
    const l = await makeLobby(redis, '2v2', size);
    const t = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now });
    return { ...l, ticket: t.ticket };
  };

  it('new arrivals come with their details in one script call; older unknown tickets are read apart', async () => {
    const cache = new Map<string, WaitingTicket>();
    const seen: WaitingReadState = { fresh: 0 };
    const a = await queue(2, 1_000);
    const b = await queue(1, 2_000);

    // First read: nothing cached, everything is an arrival since -inf.
    let used = await commandsDuring(redis, async () =>
      expect((await listWaiting(redis, '2v2', cache, seen)).map((w) => w.ticket)).toEqual([a.ticket, b.ticket]),
    );
    expect(used).toEqual({ script: 1 });
    expect(seen).toEqual({ fresh: 2, newest: 2_000 });
    expect(cache.get(a.ticket)).toMatchObject({ lobbyId: a.lobbyId, size: 2, queuedAt: 1_000, players: a.players });

    // Nothing new: one call, nothing fresh, the cache serves the details.
    used = await commandsDuring(redis, () => listWaiting(redis, '2v2', cache, seen));
    expect(used).toEqual({ script: 1 });
    expect(seen.fresh).toBe(0);

    // A later arrival comes with its details in the same call...
    const c = await queue(1, 3_000);
    // ...while a ticket older than the newest seen (a requeue keeps its queue time) that the
    // cache does not hold is read apart, so it is never missed.
    const old = await queue(2, 1_500);
    used = await commandsDuring(redis, async () => {
      const waiting = await listWaiting(redis, '2v2', cache, seen);
      expect(waiting.map((w) => w.ticket)).toEqual([a.ticket, old.ticket, b.ticket, c.ticket]);
      expect(waiting.find((w) => w.ticket === old.ticket)).toMatchObject({ lobbyId: old.lobbyId, size: 2, queuedAt: 1_500 });
    });
    expect(used).toEqual({ script: 1, hmget: 1 });
    expect(seen).toEqual({ fresh: 2, newest: 3_000 });
  });

  it('without a cache, every ticket comes with its details', async () => {
    const queue5 = async (size: number, now: number) => {
      const l = await makeLobby(redis, '5v5', size);
      return (await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now })).ticket;
    };
    const a = { ticket: await queue5(1, 10) };
    const b = { ticket: await queue5(2, 20) };
    const waiting = await listWaiting(redis, '5v5');
    expect(waiting.map((w) => [w.ticket, w.size, w.queuedAt])).toEqual([
      [a.ticket, 1, 10],
      [b.ticket, 2, 20],
    ]);
  });
});
