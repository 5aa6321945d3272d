import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GlaceonError } from '@glaceon/protocol';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, type RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { chatKeys } from '../chat/keys.js';
import {
  acceptMatch,
  acquireOrRenewLease,
  claimPrematch,
  getPlayerMatchView,
  getPlayerMatchViews,
  getQueueStats,
  listWaiting,
  startQueue,
  sweep,
  touchPlayers,
} from './index.js';
import { queueKeys } from './keys.js';
import { runJson } from './scripts.js';
import { makeLobby } from '../test-support/lobbies.js';
import { TEST_QUEUES } from '../test-support/queues.js';

describe('sweeper', () => {
  let server: RedisHandle;
  let redis: RedisClient;
  let epoch: number;
  beforeAll(async () => {
    server = await startRedis();
    redis = createRedis(server.url);
  });
  beforeEach(async () => {
    await redis.flushall();
    epoch = (await acquireOrRenewLease(redis, '2v2', 'leader', 600_000)).epoch;
  });
  afterAll(async () => {
    await closeRedis(redis);
    await server.stop();
  });

  async function matched(now: number) {
    const a = await makeLobby(redis, '2v2', 2);
    const b = await makeLobby(redis, '2v2', 1);
    const c = await makeLobby(redis, '2v2', 1);
    const ta = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host, now });
    const tb = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: b.lobbyId, requesterId: b.host, now: now + 100 });
    const tc = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: c.lobbyId, requesterId: c.host, now: now + 200 });
    const claim = await claimPrematch(redis, {
      mode: '2v2',
      epoch,
      proposal: { tickets: [ta.ticket, tb.ticket, tc.ticket], teams: [[ta.ticket], [tb.ticket, tc.ticket]] },
      now: now + 1000,
      acceptTimeoutMs: 20_000,
    });
    if (!claim.ok) throw new Error('claim failed');
    return { a, b, c, ta, tb, tc, pm: claim.prematchId, deadline: claim.deadline };
  }

  it('settles an expired ready check: lobbies that all accepted requeue with their original queuedAt, the rest go idle (timeout)', async () => {
    const m = await matched(10_000);
    for (const p of [...m.a.players, m.b.host]) await acceptMatch(redis, { mode: '2v2', prematchId: m.pm, playerId: p, now: 12_000 });
    expect((await sweep(redis, '2v2', epoch, m.deadline - 1)).timedOut).toEqual([]);
    await expect(acceptMatch(redis, { mode: '2v2', prematchId: m.pm, playerId: m.c.host, now: m.deadline })).rejects.toMatchObject({ code: 'WRONG_STATE' });
    const result = await sweep(redis, '2v2', epoch, m.deadline);
    expect(result.timedOut).toEqual([m.pm]);
    expect(await redis.hgetall(keys.lobby(m.c.lobbyId))).toMatchObject({ state: 'idle', idleReason: 'timeout', ticket: '' });
    expect(await redis.hgetall(keys.lobby(m.a.lobbyId))).toMatchObject({ state: 'queued', ticket: m.ta.ticket });
    expect((await listWaiting(redis, '2v2')).map((w) => [w.ticket, w.queuedAt])).toEqual([
      [m.ta.ticket, 10_000],
      [m.tb.ticket, 10_100],
    ]);
    expect((await getQueueStats(redis, '2v2')).searching).toBe(3);
    expect(await redis.exists(queueKeys.prematch('2v2', m.pm))).toBe(0);
    // The accept of a member whose lobby went back to the queue is answered, nothing changes.
    await expect(acceptMatch(redis, { mode: '2v2', prematchId: m.pm, playerId: m.a.host, now: m.deadline + 1 })).rejects.toBeInstanceOf(GlaceonError);
  });

  it('drops queued lobbies whose players all vanished past the grace period, keeps the ones kept alive', async () => {
    const gone = await makeLobby(redis, '2v2', 2);
    const kept = await makeLobby(redis, '2v2', 2);
    await startQueue(redis, { queues: TEST_QUEUES, lobbyId: gone.lobbyId, requesterId: gone.host, now: 1000 });
    const tk = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: kept.lobbyId, requesterId: kept.host, now: 1000 });
    // One member of `kept` is still connected somewhere.
    expect(await touchPlayers(redis, '2v2', [kept.players[1] as string, 'p_unknown'], 20_000)).toBe(1);
    expect(await touchPlayers(redis, TEST_QUEUES.ids, [kept.players[1] as string], 25_000)).toBe(1);
    const result = await sweep(redis, '2v2', epoch, 31_001, { graceMs: 30_000 });
    expect(result.expiredTickets).toHaveLength(1);
    expect(await redis.hgetall(keys.lobby(gone.lobbyId))).toMatchObject({ state: 'idle', idleReason: 'host_away' });
    expect(await getPlayerMatchView(redis, kept.host)).toMatchObject({ state: 'queued', ticket: tk.ticket });
    expect((await sweep(redis, '2v2', epoch, 55_001, { graceMs: 30_000 })).expiredTickets).toEqual([tk.ticket]);
    expect((await getQueueStats(redis, '2v2')).searching).toBe(0);
  });

  it('repairs a start that died after the intent: the entry is fenced dead, the lobby untouched', async () => {
    const l = await makeLobby(redis, '2v2', 1);
    await runJson(redis, 'ticket-begin', [queueKeys.tag('2v2')], ['t_crashed1', l.lobbyId, 1000]);
    expect((await sweep(redis, '2v2', epoch, 3000, { repairAfterMs: 5000 })).repairedTickets).toEqual([]);
    expect((await sweep(redis, '2v2', epoch, 7000, { repairAfterMs: 5000 })).repairedTickets).toEqual(['t_crashed1']);
    expect(await redis.hget(queueKeys.ticket('2v2', 't_crashed1'), 'state')).toBe('dead');
    expect(await redis.hget(keys.lobby(l.lobbyId), 'state')).toBe('idle');
    expect(await redis.zcard(queueKeys.outbox('2v2'))).toBe(0);
  });

  it('repairs a start that died after locking the lobby: fence first, so the late activation is refused, then idle the lobby', async () => {
    const l = await makeLobby(redis, '2v2', 1);
    await runJson(redis, 'ticket-begin', [queueKeys.tag('2v2')], ['t_crashed2', l.lobbyId, 1000]);
    await runJson(redis, 'lobby-enqueue', [keys.lobby(l.lobbyId), chatKeys.lobbyChat(l.lobbyId)], [l.host, '2v2', 't_crashed2', 1000, 2]);
    expect(await redis.hget(keys.lobby(l.lobbyId), 'state')).toBe('queued');
    await sweep(redis, '2v2', epoch, 7000, { repairAfterMs: 5000 });
    expect(await redis.hgetall(keys.lobby(l.lobbyId))).toMatchObject({ state: 'idle', idleReason: 'server_lost', ticket: '' });
    // The slow Coral wakes up and tries to finish: refused, nothing queued.
    expect((await runJson(redis, 'ticket-activate', [queueKeys.tag('2v2')], ['t_crashed2', 7001, 1, 1500, JSON.stringify([l.host])])).r).toBe(-1);
    expect(await redis.zcard(queueKeys.waiting('2v2'))).toBe(0);
    // The lobby can queue again.
    await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now: 8000 });
    expect(await redis.hget(keys.lobby(l.lobbyId), 'state')).toBe('queued');
  });

  it('a start slower than the repair delay (a Coral past capacity) is refused with BUSY, and its lobby is idle and can queue again', async () => {
    // Starts dated 1000 are overdue for a sweep at 7000. A second client sweeps without pause while
    // starts run, so some sweep lands between a start's steps; rounds repeat until one has.
    const sweeper = createRedis(server.url);
    try {
      let refused = 0;
      for (let round = 0; round < 20 && refused === 0; round++) {
        const lobbies = await Promise.all(Array.from({ length: 40 }, () => makeLobby(redis, '2v2', 1)));
        let sweeping = true;
        const sweeps = (async () => {
          while (sweeping) await sweep(sweeper, '2v2', epoch, 7000, { repairAfterMs: 5000, graceMs: 600_000 });
        })();
        const outcomes = await Promise.allSettled(
          lobbies.map((l) => startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now: 1000 })),
        );
        sweeping = false;
        await sweeps;
        for (const [i, outcome] of outcomes.entries()) {
          if (outcome.status === 'fulfilled') continue;
          refused++;
          expect(outcome.reason).toBeInstanceOf(GlaceonError);
          expect((outcome.reason as GlaceonError).code).toBe('BUSY');
          // Nothing left behind: the lobby is idle, and a new start (on time) queues it.
          const l = lobbies[i]!;
          expect(await redis.hget(keys.lobby(l.lobbyId), 'state')).toBe('idle');
          await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now: 7001 });
          expect(await redis.hget(keys.lobby(l.lobbyId), 'state')).toBe('queued');
        }
      }
      expect(refused).toBeGreaterThan(0);
    } finally {
      await closeRedis(sweeper);
    }
  });

  it('repairs a lobby mirror lost after the last accept (the Coral died between the slots)', async () => {
    const m = await matched(1000);
    // A claim needs no second step: a ready check is not mirrored, the lobbies stay queued.
    expect(await redis.hget(keys.lobby(m.a.lobbyId), 'state')).toBe('queued');
    expect(await redis.zcard(queueKeys.outbox('2v2'))).toBe(0);
    // Only the queue-slot step of each accept ran.
    for (const p of [...m.a.players, m.b.host, m.c.host]) {
      expect((await runJson(redis, 'accept-match', [queueKeys.tag('2v2')], [m.pm, p, 2500, 5000])).r).toBe(1);
    }
    expect(await redis.hget(keys.lobby(m.a.lobbyId), 'state')).toBe('queued');
    // The player's view reads the authority (the entry) even before the repair.
    expect(await getPlayerMatchView(redis, m.a.host, 2501)).toMatchObject({ state: 'ingame', prematchId: m.pm });
    const result = await sweep(redis, '2v2', epoch, 8000, { repairAfterMs: 5000 });
    expect(result.repairedTickets.sort()).toEqual([m.ta.ticket, m.tb.ticket, m.tc.ticket].sort());
    for (const l of [m.a, m.b, m.c]) expect(await redis.hget(keys.lobby(l.lobbyId), 'state')).toBe('ingame');
    expect(await redis.zcard(queueKeys.outbox('2v2'))).toBe(0);
  });

  it('repairs a lobby pointing at a queue entry that does not exist, fencing the ticket first', async () => {
    const l = await makeLobby(redis, '2v2', 1);
    await redis.hset(keys.lobby(l.lobbyId), { state: 'queued', ticket: 't_ghost', queueMode: '2v2', stateSeq: 2 });
    // The batched view falls back to the repairing path for it.
    const views = await getPlayerMatchViews(redis, [l.host, 'p_nobody']);
    expect(views.get('p_nobody')).toEqual({ state: 'none' });
    expect(views.get(l.host)).toMatchObject({ state: 'idle', idleReason: 'server_lost' });
    expect(await getPlayerMatchView(redis, l.host)).toMatchObject({ state: 'idle', idleReason: 'server_lost' });
    expect(await redis.hget(queueKeys.ticket('2v2', 't_ghost'), 'state')).toBe('dead');
    expect((await runJson(redis, 'ticket-activate', [queueKeys.tag('2v2')], ['t_ghost', 1, 1, 1500, JSON.stringify([l.host])])).r).toBe(-1);
  });

  it('reports game creations that nobody started or whose creator lapsed', async () => {
    const m = await matched(1000);
    for (const p of [...m.a.players, m.b.host, m.c.host]) await acceptMatch(redis, { mode: '2v2', prematchId: m.pm, playerId: p, now: 3000 });
    expect((await sweep(redis, '2v2', epoch, 4000)).creationsDue).toEqual([]);
    expect((await sweep(redis, '2v2', epoch, 8001)).creationsDue).toEqual([m.pm]);
  });
});
