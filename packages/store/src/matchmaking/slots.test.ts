import { describe, expect, it } from 'vitest';
import type { FleetRegisterRequest } from '@glaceon/protocol';
import { keys } from '../keys.js';
import type { RedisClient } from '../redis.js';
import { allocateServer, freeServerCapacity, heartbeatServer } from '../fleet/index.js';
import {
  cancelQueue,
  chooseHomeRegion,
  cleanLatencies,
  getPlayerMatchView,
  listWaiting,
  readPlayerLatencies,
  setPlayerLatencies,
  startQueue,
  worstLatencies,
  LATENCY_TTL_MS,
} from './index.js';
import { queueKeys } from './keys.js';
import { makeLobby } from '../test-support/lobbies.js';
import { commandsDuring } from '../test-support/commands.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { REGION_TEST_QUEUES } from '../test-support/region-queues.js';
import { TEST_QUEUES } from '../test-support/queues.js';

const RULES = { maxMs: 80, widenPerSecond: 200, capMs: 400 };
const REGIONS = ['eu', 'us'];

describe('latency reports (pure)', () => {
  it('clamps to 1..2000 ms, drops unknown regions, keeps the last value per region', () => {
    expect(
      cleanLatencies(
        [
          { region: 'eu', rttMs: 0 },
          { region: 'us', rttMs: 60_000 },
          { region: 'mars', rttMs: 10 },
          { region: 'eu', rttMs: 35.6 },
        ],
        REGIONS,
      ),
    ).toEqual({ eu: 36, us: 2000 });
  });

  it('worst member latency: unreported members constrain nothing, a reporting member constrains to what it reported', () => {
    expect(worstLatencies([null, null], REGIONS)).toBeNull();
    expect(worstLatencies([{ eu: 30, us: 120 }, null, { eu: 50, us: 90 }], REGIONS)).toEqual({ eu: 50, us: 120 });
    expect(worstLatencies([{ eu: 30 }, { eu: 40, us: 20 }], REGIONS)).toEqual({ eu: 40 });
    expect(worstLatencies([{ eu: 30 }, { us: 20 }], REGIONS)).toEqual({});
  });

  it('home region: the acceptable one with most players searching (ties: lower latency); none acceptable: the nearest', () => {
    expect(chooseHomeRegion({ eu: 30, us: 70 }, REGIONS, RULES, [0, 5])).toBe('us');
    expect(chooseHomeRegion({ eu: 30, us: 70 }, REGIONS, RULES, [5, 5])).toBe('eu');
    expect(chooseHomeRegion({ eu: 30, us: 170 }, REGIONS, RULES, [0, 50])).toBe('eu');
    expect(chooseHomeRegion({ eu: 300, us: 170 }, REGIONS, RULES, [50, 0])).toBe('us');
    expect(chooseHomeRegion(null, REGIONS, RULES, [1, 2])).toBe('us');
    expect(chooseHomeRegion({}, REGIONS, RULES, [1, 2])).toBe('eu');
  });
});

describe('slots: one per (queue, region) (real Redis)', () => {
  let redis: RedisClient;
  useRealRedis((ready) => {
    redis = ready.redis;
  });

  it('a report is kept per player, cleaned, with a TTL; an empty one deletes it', async () => {
    const kept = await setPlayerLatencies(
      redis,
      'p_lat00000000000000000001',
      [
        { region: 'eu', rttMs: 5000 },
        { region: 'xx', rttMs: 1 },
      ],
      REGIONS,
    );
    expect(kept).toEqual({ eu: 2000 });
    const ttl = await redis.pttl(keys.playerLatency('p_lat00000000000000000001'));
    expect(ttl).toBeGreaterThan(LATENCY_TTL_MS - 5000);
    expect(ttl).toBeLessThanOrEqual(LATENCY_TTL_MS);
    expect(await readPlayerLatencies(redis, ['p_lat00000000000000000001', 'p_lat00000000000000000002'])).toEqual([{ eu: 2000 }, null]);
    await setPlayerLatencies(redis, 'p_lat00000000000000000001', [{ region: 'xx', rttMs: 1 }], REGIONS);
    expect(await redis.exists(keys.playerLatency('p_lat00000000000000000001'))).toBe(0);
  });

  it('a lobby enters its home slot: queueMode is the slot, the entry holds every region`s worst member latency', async () => {
    const l = await makeLobby(redis, '2v2', 2);
    await setPlayerLatencies(
      redis,
      l.players[0] as string,
      [
        { region: 'eu', rttMs: 30 },
        { region: 'us', rttMs: 140 },
      ],
      REGIONS,
    );
    await setPlayerLatencies(
      redis,
      l.players[1] as string,
      [
        { region: 'eu', rttMs: 60 },
        { region: 'us', rttMs: 90 },
      ],
      REGIONS,
    );
    // More players searching in us, but us is out of reach (140 > 80) at entry: eu.
    await redis.hset(queueKeys.stats('2v2@us'), 'searching', 10);
    const started = await startQueue(redis, { lobbyId: l.lobbyId, requesterId: l.host, queues: REGION_TEST_QUEUES });
    expect(started.mode).toBe('2v2@eu');
    expect(await redis.hget(keys.lobby(l.lobbyId), 'queueMode')).toBe('2v2@eu');
    expect(await redis.hget(keys.lobby(l.lobbyId), 'mode')).toBe('2v2');
    expect(JSON.parse((await redis.hget(queueKeys.ticket('2v2@eu', started.ticket), 'lat')) as string)).toEqual({ eu: 60, us: 140 });
    expect(await redis.zscore(queueKeys.waiting('2v2@us'), started.ticket)).toBeNull();
    const waiting = await listWaiting(redis, '2v2@eu');
    expect(waiting.find((w) => w.ticket === started.ticket)?.latencies).toEqual({ eu: 60, us: 140 });
    expect(await getPlayerMatchView(redis, l.host)).toMatchObject({ state: 'queued', mode: '2v2@eu', ticket: started.ticket });
    // Cancel finds the entry through the lobby's slot.
    await cancelQueue(redis, { lobbyId: l.lobbyId, requesterId: l.host, reason: 'cancelled' });
    expect(await redis.hget(keys.lobby(l.lobbyId), 'state')).toBe('idle');
    expect(await redis.zscore(queueKeys.waiting('2v2@eu'), started.ticket)).toBeNull();
    await redis.del(queueKeys.stats('2v2@us'));
  });

  it('a lobby nobody in which reported goes where most players search, and its entry is unconstrained', async () => {
    const l = await makeLobby(redis, '1v1', 1);
    await redis.hset(queueKeys.stats('1v1@us'), 'searching', 3);
    const started = await startQueue(redis, { lobbyId: l.lobbyId, requesterId: l.host, queues: REGION_TEST_QUEUES });
    expect(started.mode).toBe('1v1@us');
    const waiting = await listWaiting(redis, '1v1@us');
    const mine = waiting.find((w) => w.ticket === started.ticket);
    expect(mine).toBeDefined();
    expect(mine?.latencies).toBeUndefined();
    await redis.del(queueKeys.stats('1v1@us'));
  });

  it('without regions the slot is the queue id and entry costs no extra read', async () => {
    const l = await makeLobby(redis, '2v2', 2);
    const used = await commandsDuring(redis, () => startQueue(redis, { lobbyId: l.lobbyId, requesterId: l.host, queues: TEST_QUEUES }));
    expect(used.get ?? 0).toBe(0);
    expect(used.hget ?? 0).toBe(0);
    expect(await redis.hget(keys.lobby(l.lobbyId), 'queueMode')).toBe('2v2');
  });

  it('with regions, entry adds one parallel read (the members` reports and each region`s searching)', async () => {
    const l = await makeLobby(redis, '2v2', 2);
    const used = await commandsDuring(redis, () => startQueue(redis, { lobbyId: l.lobbyId, requesterId: l.host, queues: REGION_TEST_QUEUES }));
    expect(used.get).toBe(2); // one report per member
    expect(used.hget).toBe(2); // searching per region
  });
});

describe('allocation in a region (real Redis)', () => {
  let redis: RedisClient;
  useRealRedis((ready) => {
    redis = ready.redis;
  });
  const reg = (region: string, port: number): FleetRegisterRequest => ({
    address: `127.0.0.1:${port}`,
    controlUrl: `http://127.0.0.1:${port + 1}`,
    region,
    capacity: 1,
    version: 'test',
    instanceId: `instance-${port}`,
  });
  const roster = [
    { playerId: 'p_alloc0000000000000000001', name: 'A', team: 0 },
    { playerId: 'p_alloc0000000000000000002', name: 'B', team: 1 },
  ];

  it('strict: only a server of the region, else null; a preference alone falls back to any region', async () => {
    await redis.flushall();
    await heartbeatServer(redis, 'ms_us1', reg('us', 7100), { ttlMs: 5000 });
    expect(await freeServerCapacity(redis, 'eu')).toEqual({ free: 0, servers: 0 });
    expect(await freeServerCapacity(redis, 'us')).toEqual({ free: 1, servers: 1 });
    expect(await allocateServer(redis, { gameId: 'g_strict1', mode: '1v1', roster, region: 'eu', strictRegion: true })).toBeNull();
    await heartbeatServer(redis, 'ms_eu1', reg('eu', 7200), { ttlMs: 5000 });
    const inEu = await allocateServer(redis, { gameId: 'g_strict2', mode: '1v1', roster, region: 'eu', strictRegion: true });
    expect(inEu).toMatchObject({ serverId: 'ms_eu1', region: 'eu' });
    // eu is full now: strict says no, a mere preference takes us.
    expect(await allocateServer(redis, { gameId: 'g_strict3', mode: '1v1', roster, region: 'eu', strictRegion: true })).toBeNull();
    expect(await allocateServer(redis, { gameId: 'g_strict4', mode: '1v1', roster, region: 'eu' })).toMatchObject({ serverId: 'ms_us1' });
  });
});
