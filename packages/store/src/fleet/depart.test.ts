/**
 * Issue #12, item 10 at the store: depart-players-3.lua and player-event-3.lua against a real
 * redis-server. Players the server released are departed for good; only left or no-show players
 * may depart; nothing is written when one may not; later reports change nothing and a
 * `connected` report is refused.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { FleetRegisterRequest } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { allocateServer, departFleetPlayers, endFleetGame, getFleetGame, heartbeatServer, recordPlayerEvent } from './index.js';
import { fleetKeys } from './keys.js';
import { useRealRedis } from '../test-support/real-redis.js';

const reg: FleetRegisterRequest = {
  address: '127.0.0.1:7000',
  controlUrl: 'http://127.0.0.1:7001',
  region: 'eu',
  capacity: 4,
  version: 'test',
  instanceId: 'i-a',
};
const roster = (...ids: string[]) => ids.map((playerId, i) => ({ playerId, name: `N${i}`, team: i % 2 }));

describe('fleet: players leaving a game for good', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));
  const g = 'g_depart1';
  beforeEach(async () => {
    await redis.flushall();
    await heartbeatServer(redis, 'ms_a', reg, { ttlMs: 60_000 });
    await allocateServer(redis, { gameId: g, mode: '2v2', roster: roster('p_1', 'p_2', 'p_3', 'p_4') });
  });

  it('departs left and no-show players only; a pending or connected one refuses the whole call and writes nothing', async () => {
    await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_1', kind: 'connected' });
    await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_1', kind: 'left' });
    await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_2', kind: 'noshow' });
    await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_3', kind: 'connected' });
    // p_3 connected, p_4 pending: refused, and p_1 (listed first) was not departed either.
    await expect(departFleetPlayers(redis, { gameId: g, serverId: 'ms_a', playerIds: ['p_1', 'p_3'] })).rejects.toMatchObject({ code: 'WRONG_STATE' });
    await expect(departFleetPlayers(redis, { gameId: g, serverId: 'ms_a', playerIds: ['p_1', 'p_4'] })).rejects.toMatchObject({ code: 'WRONG_STATE' });
    expect(await redis.scard(fleetKeys.gameDeparted(g))).toBe(0);
    expect(await departFleetPlayers(redis, { gameId: g, serverId: 'ms_a', playerIds: ['p_1', 'p_2'] })).toBe(2);
    // Idempotent: a repeat departs nobody new; the reported states stay (ratings tell a no-show).
    expect(await departFleetPlayers(redis, { gameId: g, serverId: 'ms_a', playerIds: ['p_1', 'p_2'] })).toBe(0);
    const game = await getFleetGame(redis, g);
    expect(game?.departed.sort()).toEqual(['p_1', 'p_2']);
    expect(game?.players).toMatchObject({ p_1: 'left', p_2: 'noshow', p_3: 'connected', p_4: 'pending' });
    expect(game?.controlUrl).toBe('http://127.0.0.1:7001');
  });

  it('checks the game, its server and the roster', async () => {
    await expect(departFleetPlayers(redis, { gameId: 'g_nope', playerIds: ['p_1'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(departFleetPlayers(redis, { gameId: g, serverId: 'ms_b', playerIds: ['p_1'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(departFleetPlayers(redis, { gameId: g, serverId: 'ms_a', playerIds: ['p_9'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a departed player stays departed: later left/noshow reports change nothing, a connected report is refused', async () => {
    await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_2', kind: 'noshow' });
    await departFleetPlayers(redis, { gameId: g, serverId: 'ms_a', playerIds: ['p_2'] });
    await expect(recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_2', kind: 'connected' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_2', kind: 'left' })).toEqual({ changed: false, state: 'running' });
    expect((await getFleetGame(redis, g))?.players.p_2).toBe('noshow');
    // Others still report normally.
    expect(await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_1', kind: 'connected' })).toEqual({ changed: true, state: 'running' });
  });

  it('the departed set expires with the game', async () => {
    await recordPlayerEvent(redis, { gameId: g, serverId: 'ms_a', playerId: 'p_2', kind: 'noshow' });
    await departFleetPlayers(redis, { gameId: g, serverId: 'ms_a', playerIds: ['p_2'] });
    expect(await redis.pttl(fleetKeys.gameDeparted(g))).toBe(-1);
    await endFleetGame(redis, { gameId: g, serverId: 'ms_a', reason: 'abandoned' });
    const ttl = await redis.pttl(fleetKeys.gameDeparted(g));
    expect(ttl).toBeGreaterThan(0);
    expect(Math.abs(ttl - (await redis.pttl(fleetKeys.gamePlayers(g))))).toBeLessThan(1000);
  });
});
