/** The matchmaking scripts unchanged on a real 3-master Redis Cluster (every key of a script shares one hash tag). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type RedisClusterHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, isCluster, type RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { chatKeys } from '../chat/keys.js';
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
import { moveEntry, moveSteps, type MoveRef } from './move.js';
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
    await runJson(redis, 'lobby-enqueue', [keys.lobby(d.lobbyId), chatKeys.lobbyChat(d.lobbyId)], [d.host, '1v1', 't_halfdone', 15_000, 1]);
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

  /** The master (host:port) that serves a key's hash slot. */
  async function masterOf(key: string): Promise<string> {
    const slot = Number(await redis.cluster('KEYSLOT', key));
    const ranges = (await redis.cluster('SLOTS')) as unknown as [number, number, [string, number]][];
    const range = ranges.find(([lo, hi]) => slot >= lo && slot <= hi);
    if (!range) throw new Error(`no master for slot ${slot}`);
    return `${range[2][0]}:${range[2][1]}`;
  }

  it('moves a waiting entry between two slots on different masters, and repairs a move crashed after each step', async () => {
    // Two region slots of the 2v2 queue whose tags live on different masters (and the lobby on any).
    const regions = ['eu-west', 'us-east', 'ap-south', 'sa-east', 'eu-north', 'us-west'];
    const masters = await Promise.all(regions.map((r) => masterOf(queueKeys.tag(`2v2@${r}`))));
    const a = `2v2@${regions[0]}`;
    const bi = masters.findIndex((m) => m !== masters[0]);
    expect(bi).toBeGreaterThan(0);
    const b = `2v2@${regions[bi]}`;
    expect(await masterOf(queueKeys.tag(a))).not.toBe(await masterOf(queueKeys.tag(b)));
    const epochs = { [a]: (await acquireOrRenewLease(redis, a, 'leader', 60_000)).epoch, [b]: (await acquireOrRenewLease(redis, b, 'leader', 60_000)).epoch };

    // startQueue enters the lobby's queue id as its slot; the first move takes it to region a.
    const l = await makeLobby(redis, '2v2', 2);
    const started = await startQueue(redis, { queues: TEST_QUEUES, lobbyId: l.lobbyId, requesterId: l.host, now: 1_000_000 });
    const { epoch: plain } = await acquireOrRenewLease(redis, '2v2', 'leader', 60_000);
    let at = await moveEntry(redis, { from: '2v2', to: a, ticket: started.ticket, lobbyId: l.lobbyId, epoch: plain, now: 1_000_100 });
    if (!at.moved) throw new Error('first move');
    let slot = a;
    const expectWaitingIn = async (where: string, ticket: string) => {
      expect(await redis.hmget(keys.lobby(l.lobbyId), 'state', 'queueMode', 'ticket')).toEqual(['queued', where, ticket]);
      expect((await listWaiting(redis, where)).map((w) => [w.ticket, w.queuedAt, w.players])).toEqual([[ticket, 1_000_000, l.players]]);
      for (const other of [a, b].filter((s) => s !== where)) expect(await listWaiting(redis, other)).toEqual([]);
      expect(await getPlayerMatchView(redis, l.host)).toMatchObject({ state: 'queued', mode: where, ticket, queuedAt: 1_000_000 });
    };
    await expectWaitingIn(a, at.ticket);

    // A whole move a -> b and back.
    for (const to of [b, a]) {
      at = await moveEntry(redis, { from: slot, to, ticket: at.ticket, lobbyId: l.lobbyId, epoch: epochs[slot] as number, now: 1_000_200 });
      if (!at.moved) throw new Error('move');
      slot = to;
      await expectWaitingIn(slot, at.ticket);
    }

    // Crashed after step k, repaired by the sweep of the source (odd k) or the target (even k, when it knows).
    let now = 1_001_000;
    for (const k of [1, 2, 3, 4]) {
      const to = slot === a ? b : a;
      const ref: MoveRef = { from: slot, ticket: at.ticket, to, toTicket: `t_cl${k}`, lobbyId: l.lobbyId };
      const step = moveSteps(redis, ref, now);
      const out = await step.out(epochs[slot] as number);
      expect(out.r).toBe(1);
      if (k >= 2) expect((await step.in(JSON.stringify(out.fields))).r).toBe(1);
      if (k >= 3) expect((await step.repoint()).r).toBe(1);
      if (k >= 4) expect((await step.activate()).r).toBe(1);
      now += 10_000;
      const sweeper = k % 2 === 0 && k < 4 ? to : slot;
      const swept = await sweep(redis, sweeper, epochs[sweeper] as number, now, { graceMs: 600_000, repairAfterMs: 5_000 });
      expect(swept.repairedMoves.map((m) => m.outcome)).toEqual([k >= 3 ? 'moved' : 'stays']);
      // The slow mover's late steps after the repair change nothing.
      if (k < 2) expect((await step.in(JSON.stringify(out.fields))).r).toBe(-1);
      if (k < 3) expect((await step.repoint()).r).toBe(-2);
      if (k < 4) expect((await step.activate()).r).toBe(-1);
      expect((await step.done()).r).toBe(0);
      if (k >= 3) at = { moved: true, ticket: ref.toTicket, queuedAt: 1_000_000 };
      if (k >= 3) slot = to;
      await expectWaitingIn(slot, at.ticket);
      for (const s of [a, b]) expect(await redis.zcard(queueKeys.outbox(s))).toBe(0);
    }
    await cancelQueue(redis, { lobbyId: l.lobbyId, requesterId: l.host, reason: 'cancelled' });
    expect(await getPlayerMatchView(redis, l.host)).toMatchObject({ state: 'idle', idleReason: 'cancelled' });
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
