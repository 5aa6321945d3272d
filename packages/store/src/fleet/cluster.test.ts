import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type RedisClusterHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, type RedisClient } from '../redis.js';
import { applyGameResult, DEFAULT_SKILL, getRatings, rateTeams } from '../ratings/index.js';
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

/** Every fleet and ratings script on a real 3-master Redis Cluster: hash tags keep each in one slot. */
describe('fleet and ratings on Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  let redis: RedisClient;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    redis = createRedis(cluster.url);
  });
  afterAll(async () => {
    await closeRedis(redis);
    await cluster.stop();
  });

  it('runs the whole fleet life cycle and the ratings', async () => {
    const reg = { address: '127.0.0.1:7000', controlUrl: 'http://127.0.0.1:7001', region: 'eu', capacity: 1, version: 't', instanceId: 'inst-0001' };
    await heartbeatServer(redis, 'ms_c1', reg, { ttlMs: 60_000 });
    await heartbeatServer(redis, 'ms_c2', reg, { ttlMs: 60_000 });
    const roster = [
      { playerId: 'p_c1', name: 'A', team: 0 },
      { playerId: 'p_c2', name: 'B', team: 1 },
    ];
    const g1 = await allocateServer(redis, { gameId: 'g_c1', mode: '1v1', roster });
    const g2 = await allocateServer(redis, { gameId: 'g_c2', mode: '1v1', roster });
    expect(new Set([g1?.serverId, g2?.serverId])).toEqual(new Set(['ms_c1', 'ms_c2']));
    expect(await allocateServer(redis, { gameId: 'g_c3', mode: '1v1', roster })).toBeNull();
    expect(await recordPlayerEvent(redis, { gameId: 'g_c1', serverId: g1!.serverId, playerId: 'p_c1', kind: 'connected' })).toEqual({
      changed: true,
      state: 'running',
    });
    // A no-show leaves the game for good (game.leave): departed, and a later connected report is refused.
    await recordPlayerEvent(redis, { gameId: 'g_c2', serverId: g2!.serverId, playerId: 'p_c2', kind: 'noshow' });
    expect(await departFleetPlayers(redis, { gameId: 'g_c2', serverId: g2!.serverId, playerIds: ['p_c2'] })).toBe(1);
    await expect(recordPlayerEvent(redis, { gameId: 'g_c2', serverId: g2!.serverId, playerId: 'p_c2', kind: 'connected' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await getFleetGame(redis, 'g_c2'))?.departed).toEqual(['p_c2']);
    expect(await endFleetGame(redis, { gameId: 'g_c1', serverId: g1!.serverId, reason: 'completed', winningTeam: 0 })).toMatchObject({ ended: true });
    await redis.zadd(fleetKeys.outbox(), 1, 'g_c1');
    expect(await claimDueGameEndings(redis)).toEqual(['g_c1']);
    await ackGameEnding(redis, 'g_c1');
    const { ratings } = await applyGameResult(redis, {
      gameId: 'g_c1',
      mode: '1v1',
      teams: 2,
      roster,
      winningTeam: 0,
      reason: 'completed',
      startedAt: 1,
      endedAt: 2,
    });
    const [[winner], [loser]] = rateTeams([[DEFAULT_SKILL], [DEFAULT_SKILL]], 0) as unknown as [[{ mu: number }], [{ mu: number }]];
    expect(ratings.p_c1?.delta).toBeGreaterThan(0);
    const after = await getRatings(redis, '1v1', ['p_c1', 'p_c2']);
    expect(after.p_c1).toBeCloseTo(winner.mu, 4);
    expect(after.p_c2).toBeCloseTo(loser.mu, 4);
    expect(await redis.lrange('history:{p_c1}', 0, -1)).toEqual(['g_c1']);
    expect(await redis.zscore('leaderboard:{lb:1v1}', 'p_c1')).not.toBeNull();
    expect((await heartbeatServer(redis, g2!.serverId, reg, { ttlMs: 60_000 })).games.map((g) => g.gameId)).toEqual(['g_c2']);
    expect((await heartbeatServer(redis, g2!.serverId, { ...reg, instanceId: 'inst-0002' }, { ttlMs: 60_000 })).endedGameIds).toEqual(['g_c2']);
    await redis.zadd(fleetKeys.deadlines(), 1, g1!.serverId);
    expect((await sweepFleet(redis)).removedServerIds).toEqual([g1!.serverId]);
    expect(await leaveFleet(redis, g2!.serverId)).toEqual({ existed: true, endedGameIds: [] });
    expect(await listFleetServers(redis)).toEqual([]);
    expect(await getFleetGame(redis, 'g_c2')).toMatchObject({ state: 'ended', endReason: 'server_lost' });
  }, 60_000);
});
