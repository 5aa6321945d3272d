/** The matchmaking scripts unchanged on a real 3-master Redis Cluster (every key of a script shares one hash tag). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type RedisClusterHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, isCluster, type RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import {
  acceptMatch,
  acquireOrRenewLease,
  cancelQueue,
  claimPrematch,
  declineMatch,
  endGame,
  findGameEntry,
  getPlayerMatchView,
  leaveGameEntry,
  listWaiting,
  markGameCreating,
  markGameReady,
  startQueue,
  sweep,
  touchPlayers,
  setPlayerLatencies,
} from './index.js';
import { queueKeys } from './keys.js';
import { runJson } from './scripts.js';
import { makeLobby } from '../test-support/lobbies.js';
import { TEST_QUEUES } from '../test-support/queues.js';
import { REGION_TEST_QUEUES } from '../test-support/region-queues.js';

describe('matchmaking on a 3-master Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  let redis: RedisClient;
  let other: RedisClient;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    redis = createRedis(cluster.url);
    other = createRedis(cluster.url);
  });
  afterAll(async () => {
    await Promise.all([redis, other].filter(Boolean).map(closeRedis));
    await cluster?.stop();
  });

  it('claims atomically (one winner of overlapping claims), accepts, creates the game and ends it', async () => {
    expect(isCluster(redis)).toBe(true);
    const { epoch } = await acquireOrRenewLease(redis, '2v2', 'leader', 60_000);
    const lobbies = await Promise.all([2, 1, 1, 2].map((n) => makeLobby(redis, '2v2', n)));
    const tickets = [];
    for (const l of lobbies) tickets.push((await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host })).ticket);
    const [t0, t1, t2, t3] = tickets as [string, string, string, string];
    const outcomes = await Promise.all([
      claimPrematch(redis, { mode: '2v2', epoch, proposal: { tickets: [t0, t1, t2], teams: [[t0], [t1, t2]] } }),
      claimPrematch(other, { mode: '2v2', epoch, proposal: { tickets: [t0, t3], teams: [[t0], [t3]] } }),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const won = outcomes.find((o) => o.ok);
    if (!won?.ok) throw new Error('no winner');
    for (const p of won.players) await acceptMatch(redis, { mode: '2v2', prematchId: won.prematchId, playerId: p });
    const job = await markGameCreating(redis, { mode: '2v2', prematchId: won.prematchId, ownerId: 'c1' });
    expect(job.owner).toBe(true);
    const ready = await markGameReady(redis, { mode: '2v2', prematchId: won.prematchId, serverId: 'ms_x', address: '127.0.0.1:9100' });
    expect(await getPlayerMatchView(redis, won.players[0] as string)).toMatchObject({ state: 'ingame', game: 'ready', gameId: ready.gameId });
    await endGame(redis, { gameId: ready.gameId, result: { winner: 0 } });
    expect(await getPlayerMatchView(redis, won.players[0] as string)).toMatchObject({ state: 'idle', idleReason: 'game_over' });
    for (const l of lobbies)
      if ((await redis.hget(keys.lobby(l.lobbyId), 'state')) === 'queued')
        await cancelQueue(redis, { lobbyId: l.lobbyId, requesterId: l.host, reason: 'cancelled' });
  });

  it('a lobby leaves its running game early (leave-game), and the game end leaves it alone', async () => {
    const { epoch } = await acquireOrRenewLease(redis, '1v1', 'leader', 60_000);
    const [a, b] = await Promise.all([1, 1].map(() => makeLobby(redis, '1v1', 1)));
    const ta = (await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a!.lobbyId, requesterId: a!.host })).ticket;
    const tb = (await startQueue(redis, { queues: TEST_QUEUES, lobbyId: b!.lobbyId, requesterId: b!.host })).ticket;
    const claim = await claimPrematch(redis, { mode: '1v1', epoch, proposal: { tickets: [ta, tb], teams: [[ta], [tb]] } });
    if (!claim.ok) throw new Error('claim');
    for (const p of claim.players) await acceptMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: p });
    await markGameCreating(redis, { mode: '1v1', prematchId: claim.prematchId, ownerId: 'c1' });
    const ready = await markGameReady(redis, { mode: '1v1', prematchId: claim.prematchId, serverId: 'ms_x', address: '127.0.0.1:9100' });
    const entry = await findGameEntry(redis, a!.host, ready.gameId);
    expect(await leaveGameEntry(redis, { mode: entry.mode, ticket: entry.ticket, gameId: ready.gameId })).toEqual({ left: true });
    expect(await getPlayerMatchView(redis, a!.host)).toMatchObject({ state: 'idle', idleReason: 'left_game' });
    await endGame(redis, { gameId: ready.gameId, result: { winner: 1 } });
    expect(await getPlayerMatchView(redis, a!.host)).toMatchObject({ state: 'idle', idleReason: 'left_game' });
    expect(await getPlayerMatchView(redis, b!.host)).toMatchObject({ state: 'idle', idleReason: 'game_over' });
  });

  it('declines, times out, expires unseen lobbies and repairs half-done steps; stale epochs are refused', async () => {
    const { epoch } = await acquireOrRenewLease(redis, '1v1', 'leader', 60_000);
    const [a, b, c, d] = await Promise.all([1, 1, 1, 1].map(() => makeLobby(redis, '1v1', 1)));
    if (!a || !b || !c || !d) throw new Error('fixtures');
    const ta = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: a.lobbyId, requesterId: a.host, now: 1000 });
    const tb = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: b.lobbyId, requesterId: b.host, now: 2000 });
    const claim = await claimPrematch(redis, {
      mode: '1v1',
      epoch,
      proposal: { tickets: [ta.ticket, tb.ticket], teams: [[ta.ticket], [tb.ticket]] },
      now: 3000,
    });
    if (!claim.ok) throw new Error('claim');
    await declineMatch(redis, { mode: '1v1', prematchId: claim.prematchId, playerId: b.host, now: 3001 });
    expect(await redis.hget(keys.lobby(b.lobbyId), 'idleReason')).toBe('declined');
    expect((await listWaiting(redis, '1v1')).map((w) => [w.ticket, w.queuedAt])).toEqual([[ta.ticket, 1000]]);

    const tc = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: c.lobbyId, requesterId: c.host, now: 4000 });
    const again = await claimPrematch(redis, {
      mode: '1v1',
      epoch,
      proposal: { tickets: [ta.ticket, tc.ticket], teams: [[ta.ticket], [tc.ticket]] },
      now: 5000,
      acceptTimeoutMs: 10_000,
    });
    if (!again.ok) throw new Error('claim');
    await acceptMatch(redis, { mode: '1v1', prematchId: again.prematchId, playerId: a.host, now: 6000 });
    const swept = await sweep(redis, '1v1', epoch, 15_000, { graceMs: 1_000_000 });
    expect(swept.timedOut).toEqual([again.prematchId]);
    expect(await redis.hget(keys.lobby(c.lobbyId), 'idleReason')).toBe('timeout');
    expect(await getPlayerMatchView(redis, a.host)).toMatchObject({ state: 'queued', queuedAt: 1000 });

    // Keep-alive: a touched, d not; d's start also "crashed" before activation.
    await touchPlayers(redis, '1v1', [a.host], 40_000);
    await runJson(redis, 'ticket-begin', [queueKeys.tag('1v1')], ['t_halfdone', d.lobbyId, 15_000]);
    await runJson(redis, 'lobby-enqueue', [keys.lobby(d.lobbyId)], [d.host, '1v1', 't_halfdone', 15_000, 1]);
    const later = await sweep(redis, '1v1', epoch, 50_000, { graceMs: 30_000, repairAfterMs: 5_000 });
    expect(later.repairedTickets).toEqual(['t_halfdone']);
    expect(await redis.hget(keys.lobby(d.lobbyId), 'idleReason')).toBe('server_lost');
    expect(await getPlayerMatchView(redis, a.host)).toMatchObject({ state: 'queued' });
    const latest = await sweep(redis, '1v1', epoch, 80_000, { graceMs: 30_000 });
    expect(latest.expiredTickets).toEqual([ta.ticket]);
    expect(await redis.hget(keys.lobby(a.lobbyId), 'idleReason')).toBe('host_away');

    await redis.del(queueKeys.lease('1v1'));
    const next = await acquireOrRenewLease(other, '1v1', 'leader-2', 60_000);
    expect(next.epoch).toBe(epoch + 1);
    await expect(sweep(redis, '1v1', epoch, 90_000)).rejects.toMatchObject({ code: 'STALE_EPOCH' });
    expect(await claimPrematch(redis, { mode: '1v1', epoch, proposal: { tickets: ['t_x', 't_y'], teams: [['t_x'], ['t_y']] } })).toEqual({
      ok: false,
      code: 'STALE_EPOCH',
    });
  });
  it('region slots: entry picks the home slot from reports on other nodes; slot tags spread over the masters; the leader claims there', async () => {
    const lobbies = await Promise.all([1, 1].map(() => makeLobby(redis, '1v1', 1)));
    for (const l of lobbies)
      await setPlayerLatencies(
        redis,
        l.host,
        [
          { region: 'us', rttMs: 30 },
          { region: 'eu', rttMs: 150 },
        ],
        ['eu', 'us'],
      );
    const started = [];
    for (const l of lobbies) started.push(await startQueue(redis, { queues: REGION_TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host }));
    expect(started.map((s) => s.mode)).toEqual(['1v1@us', '1v1@us']);
    const { epoch } = await acquireOrRenewLease(redis, '1v1@us', 'leader', 60_000, { id: 'coral-a', liveMs: 3000, mayTake: true });
    const waiting = await listWaiting(redis, '1v1@us');
    expect(waiting.map((w) => w.latencies?.us)).toEqual([30, 30]);
    const [a, b] = started.map((s) => s.ticket) as [string, string];
    const claimed = await claimPrematch(redis, { mode: '1v1@us', epoch, proposal: { tickets: [a, b], teams: [[a], [b]] } });
    expect(claimed.ok).toBe(true);
    // Four slots of two queues in two regions: their tags land on more than one master.
    const { masters } = await cluster.topology();
    const nodes = new Set<number>();
    for (const slot of ['1v1@eu', '1v1@us', '2v2@eu', '2v2@us']) {
      const shard = Number(await redis.cluster('KEYSLOT', `${queueKeys.tag(slot)}:waiting`));
      const owner = masters.find((m) => m.slots.some(([from, to]) => shard >= from && shard <= to));
      expect(owner).toBeDefined();
      nodes.add(owner!.port);
    }
    expect(nodes.size).toBeGreaterThan(1);
  });
});
