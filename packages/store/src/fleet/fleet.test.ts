import { beforeEach, describe, expect, it } from 'vitest';
import type { FleetRegisterRequest } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import {
  ackGameEnding,
  allocateServer,
  claimDueGameEndings,
  departFleetPlayers,
  endFleetGame,
  getFleetGame,
  heartbeatServer,
  leaveFleet,
  listFleetServers,
  recordPlayerEvent,
  sweepFleet,
} from './index.js';
import { fleetKeys } from './keys.js';
import { useRealRedis } from '../test-support/real-redis.js';

const reg = (over: Partial<FleetRegisterRequest> = {}): FleetRegisterRequest => ({
  address: '127.0.0.1:7000',
  controlUrl: 'http://127.0.0.1:7001',
  region: 'eu',
  capacity: 2,
  version: 'test',
  instanceId: 'instance-a',
  ...over,
});
const roster = (...ids: string[]) => ids.map((playerId, i) => ({ playerId, name: `N${i}`, team: i % 2 }));
let n = 0;
const gid = () => `g_test${++n}`;

describe('fleet store', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));
  beforeEach(async () => {
    await redis.flushall();
  });

  it('allocates least loaded first, is idempotent per game, and answers null when full', async () => {
    await heartbeatServer(redis, 'ms_a', reg({ capacity: 2 }), { ttlMs: 5000 });
    await heartbeatServer(redis, 'ms_b', reg({ capacity: 1, address: '127.0.0.1:7100' }), { ttlMs: 5000 });
    const g1 = gid();
    const first = await allocateServer(redis, { gameId: g1, mode: '1v1', roster: roster('p_1', 'p_2') });
    expect(first).toMatchObject({ serverId: 'ms_a', created: true, state: 'running', teams: 2 });
    const again = await allocateServer(redis, { gameId: g1, mode: '1v1', roster: roster('p_9', 'p_8') });
    expect(again).toMatchObject({ serverId: 'ms_a', created: false, roster: roster('p_1', 'p_2') });
    // ms_a is at 1/2, ms_b at 0/1: ms_b is less loaded.
    expect((await allocateServer(redis, { gameId: gid(), mode: '1v1', roster: roster('p_3', 'p_4') }))?.serverId).toBe('ms_b');
    expect((await allocateServer(redis, { gameId: gid(), mode: '1v1', roster: roster('p_5', 'p_6') }))?.serverId).toBe('ms_a');
    expect(await allocateServer(redis, { gameId: gid(), mode: '1v1', roster: roster('p_7', 'p_8') })).toBeNull();
    const list = await listFleetServers(redis);
    expect(list.map((s) => [s.serverId, s.load, s.capacity])).toEqual([
      ['ms_a', 2, 2],
      ['ms_b', 1, 1],
    ]);
  });

  it('prefers the requested region, skips draining and expired servers', async () => {
    await heartbeatServer(redis, 'ms_eu', reg({ region: 'eu' }), { ttlMs: 5000 });
    await heartbeatServer(redis, 'ms_us', reg({ region: 'us' }), { ttlMs: 5000 });
    expect((await allocateServer(redis, { gameId: gid(), mode: '1v1', roster: roster('p_1'), region: 'us' }))?.serverId).toBe('ms_us');
    await heartbeatServer(redis, 'ms_us', reg({ region: 'us', draining: true }), { ttlMs: 5000 });
    expect((await allocateServer(redis, { gameId: gid(), mode: '1v1', roster: roster('p_2'), region: 'us' }))?.serverId).toBe('ms_eu');
    await redis.zadd(fleetKeys.deadlines(), 1, 'ms_eu'); // heartbeat long overdue
    expect(await allocateServer(redis, { gameId: gid(), mode: '1v1', roster: roster('p_3') })).toBeNull();
  });

  it('refuses bad input without touching Redis', async () => {
    await expect(allocateServer(redis, { gameId: 'g_{x}', mode: '1v1', roster: roster('p_1') })).rejects.toThrow(/Invalid game id/);
    await expect(allocateServer(redis, { gameId: gid(), mode: '1v1', roster: [] })).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
    await expect(allocateServer(redis, { gameId: gid(), mode: '1v1', roster: [{ playerId: 'p_1', name: 'A', team: 5 }] })).rejects.toMatchObject({
      code: 'INVALID_MESSAGE',
    });
    await expect(allocateServer(redis, { gameId: gid(), mode: '1v1', roster: [...roster('p_1'), ...roster('p_1')] })).rejects.toMatchObject({
      code: 'INVALID_MESSAGE',
    });
    expect(await redis.dbsize()).toBe(0);
  });

  it('records player events idempotently and checks the reporting server', async () => {
    await heartbeatServer(redis, 'ms_a', reg(), { ttlMs: 5000 });
    const g = gid();
    await allocateServer(redis, { gameId: g, mode: '1v1', roster: roster('p_1', 'p_2') });
    expect(await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_1', kind: 'connected' })).toEqual({ changed: true, state: 'running' });
    expect(await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_1', kind: 'connected' })).toEqual({ changed: false, state: 'running' });
    await expect(recordPlayerEvent(redis, { gameId: g, serverId: 'ms_b', playerId: 'p_1', kind: 'left' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_9', kind: 'left' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(recordPlayerEvent(redis, { gameId: 'g_nope', serverId: 'ms_a', playerId: 'p_1', kind: 'left' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getFleetGame(redis, g))?.players).toEqual({ p_1: 'connected', p_2: 'pending' });
  });

  it('ends a game once, frees the slot and queues the ending in the outbox', async () => {
    await heartbeatServer(redis, 'ms_a', reg({ capacity: 1 }), { ttlMs: 5000 });
    const g = gid();
    await allocateServer(redis, { gameId: g, mode: '1v1', roster: roster('p_1', 'p_2') });
    await expect(endFleetGame(redis, { gameId: g, serverId: 'ms_a', reason: 'completed', winningTeam: 2 })).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
    await expect(endFleetGame(redis, { gameId: g, serverId: 'ms_x', reason: 'completed' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_1', kind: 'connected' });
    await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_2', kind: 'left' });
    await departFleetPlayers(redis, { gameId: g, serverId: 'ms_a', playerIds: ['p_2'] });
    const first = await endFleetGame(redis, { gameId: g, serverId: 'ms_a', reason: 'completed', winningTeam: 1 });
    // The call that ended it also returns the record as it left it: what getFleetGame reads.
    const record = await getFleetGame(redis, g);
    expect(record).toMatchObject({ state: 'ended', endReason: 'completed', winningTeam: 1, players: { p_1: 'connected', p_2: 'left' }, departed: ['p_2'] });
    expect(first).toEqual({ ended: true, reason: 'completed', winningTeam: 1, record });
    expect(await endFleetGame(redis, { gameId: g, serverId: 'ms_a', reason: 'abandoned' })).toEqual({ ended: false, reason: 'completed', winningTeam: 1 });
    expect((await listFleetServers(redis))[0]?.load).toBe(0);
    expect(await allocateServer(redis, { gameId: gid(), mode: '1v1', roster: roster('p_3') })).not.toBeNull();
    // Claimed by the ender for 30 s: not due yet; once the claim runs out a sweeper takes it.
    expect(await claimDueGameEndings(redis)).toEqual([]);
    await redis.zadd(fleetKeys.outbox(), 1, g);
    expect(await claimDueGameEndings(redis, { claimMs: 60_000 })).toEqual([g]);
    expect(await claimDueGameEndings(redis)).toEqual([]);
    await ackGameEnding(redis, g);
    expect(await redis.zcard(fleetKeys.outbox())).toBe(0);
  });

  it('heartbeat answers the running games; a new instance id ends the old games', async () => {
    await heartbeatServer(redis, 'ms_a', reg(), { ttlMs: 5000 });
    const g = gid();
    await allocateServer(redis, { gameId: g, mode: '1v1', roster: roster('p_1', 'p_2') });
    const beat = await heartbeatServer(redis, 'ms_a', reg(), { ttlMs: 5000 });
    expect(beat.games.map((x) => x.gameId)).toEqual([g]);
    expect(beat.games[0]).toMatchObject({ serverId: 'ms_a', mode: '1v1', teams: 2, roster: roster('p_1', 'p_2') });
    expect(beat.endedGameIds).toEqual([]);
    const restarted = await heartbeatServer(redis, 'ms_a', reg({ instanceId: 'instance-b' }), { ttlMs: 5000 });
    expect(restarted).toMatchObject({ games: [], endedGameIds: [g] });
    expect(await getFleetGame(redis, g)).toMatchObject({ state: 'ended', endReason: 'server_lost' });
  });

  it('sweeps expired servers once, ending their games with server_lost', async () => {
    await heartbeatServer(redis, 'ms_a', reg(), { ttlMs: 5000 });
    await heartbeatServer(redis, 'ms_b', reg(), { ttlMs: 5000 });
    const ga = gid();
    const gb = gid();
    await allocateServer(redis, { gameId: ga, mode: '1v1', roster: roster('p_1', 'p_2') });
    await allocateServer(redis, { gameId: gb, mode: '1v1', roster: roster('p_3', 'p_4') });
    const onA = (await getFleetGame(redis, ga))!.serverId;
    await redis.zadd(fleetKeys.deadlines(), 1, onA);
    const sweeps = await Promise.all([sweepFleet(redis), sweepFleet(redis), sweepFleet(redis)]);
    expect(sweeps.flatMap((s) => s.endedGameIds)).toEqual([ga]);
    expect(sweeps.flatMap((s) => s.removedServerIds)).toEqual([onA]);
    expect(await getFleetGame(redis, ga)).toMatchObject({ state: 'ended', endReason: 'server_lost' });
    expect(await getFleetGame(redis, gb)).toMatchObject({ state: 'running' });
    expect((await listFleetServers(redis)).map((s) => s.serverId)).toEqual([onA === 'ms_a' ? 'ms_b' : 'ms_a']);
  });

  it('a sweep with grace counts a deadline as missed only once it is older than the grace', async () => {
    await heartbeatServer(redis, 'ms_a', reg(), { ttlMs: 5000 });
    const g = gid();
    await allocateServer(redis, { gameId: g, mode: '1v1', roster: roster('p_1', 'p_2') });
    const [sec] = await redis.time();
    // The deadline passed two seconds ago (Redis time).
    await redis.zadd(fleetKeys.deadlines(), Number(sec) * 1000 - 2000, 'ms_a');
    expect(await sweepFleet(redis, { graceMs: 5000 })).toEqual({ removedServerIds: [], endedGameIds: [] });
    expect(await getFleetGame(redis, g)).toMatchObject({ state: 'running' });
    expect(await sweepFleet(redis, { graceMs: 500 })).toEqual({ removedServerIds: ['ms_a'], endedGameIds: [g] });
  });

  it("a sweep judges a server by the stalls of the Coral its heartbeats come through (published by that Coral's sweeps)", async () => {
    await heartbeatServer(redis, 'ms_a', reg(), { ttlMs: 5000, via: 'coral-a' });
    const [sec] = await redis.time();
    await redis.zadd(fleetKeys.deadlines(), Number(sec) * 1000 - 2000, 'ms_a');
    // coral-a (receiving ms_a's heartbeats) stalled 5 s: its own sweep keeps ms_a and says so.
    expect(await sweepFleet(redis, { graceMs: 5000, coralId: 'coral-a' })).toEqual({ removedServerIds: [], endedGameIds: [] });
    // coral-b did not stall, but judges ms_a by coral-a's grace.
    expect(await sweepFleet(redis, { graceMs: 0, coralId: 'coral-b' })).toEqual({ removedServerIds: [], endedGameIds: [] });
    // coral-a is listening again (its grace drops): now the deadline is missed for everyone.
    await sweepFleet(redis, { graceMs: 0, coralId: 'coral-a' }).catch(() => undefined);
    expect((await listFleetServers(redis)).map((x) => x.serverId)).toEqual([]);
  });

  it("a receiving Coral's silence counts as grace, up to the cap", async () => {
    await heartbeatServer(redis, 'ms_a', reg(), { ttlMs: 5000, via: 'coral-a' });
    const [sec] = await redis.time();
    const nowMs = Number(sec) * 1000;
    await redis.zadd(fleetKeys.deadlines(), nowMs - 2000, 'ms_a');
    // coral-a last published 4 s ago (it may be frozen right now), with no stall then.
    await redis.hset(fleetKeys.liveness(), 'coral-a', `0:${nowMs - 4000}`);
    expect((await sweepFleet(redis, { coralId: 'coral-b', maxSilenceMs: 6000 })).removedServerIds).toEqual([]);
    expect((await sweepFleet(redis, { coralId: 'coral-b', maxSilenceMs: 1000 })).removedServerIds).toEqual(['ms_a']);
  });

  it('leave removes the server and ends what it still ran', async () => {
    await heartbeatServer(redis, 'ms_a', reg(), { ttlMs: 5000 });
    const g = gid();
    await allocateServer(redis, { gameId: g, mode: '1v1', roster: roster('p_1', 'p_2') });
    expect(await leaveFleet(redis, 'ms_a')).toEqual({ existed: true, endedGameIds: [g] });
    expect(await leaveFleet(redis, 'ms_a')).toEqual({ existed: false, endedGameIds: [] });
    expect(await listFleetServers(redis)).toEqual([]);
  });
});
