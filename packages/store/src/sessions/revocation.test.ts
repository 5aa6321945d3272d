import { afterEach, describe, expect, it } from 'vitest';
import { masterOfSlot, redisCommand, startRedisCluster, type RedisClusterHandle } from '@glaceon/testkit';
import { keys } from '../keys.js';
import { closeRedis, createRedis, type RedisClient } from '../redis.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { compareIds, followSessionRevocations, publishSessionsRevoked, type RevocationFollower } from './revocation.js';
import { createSession, deleteAllSessions, deleteSession } from './index.js';
import { watchSessionSockets } from './socket-watch.js';

/** A fresh 64-hex hash per call (revocations carry only hashes). */
let n = 0;
const hash = () => (++n).toString(16).padStart(64, '0');

function follow(redis: RedisClient): { got: string[]; gaps: number; follower: RevocationFollower } {
  const state = { got: [] as string[], gaps: 0, follower: undefined as unknown as RevocationFollower };
  state.follower = followSessionRevocations(
    redis,
    { onRevoked: (hashes) => state.got.push(...hashes), onGap: () => state.gaps++ },
    // Short blocking reads, so a test sees a stalled reader quickly.
    { blockMs: 200 },
  );
  return state;
}

/** The reader's client id, once it is blocked in its read. */
async function readerId(redis: RedisClient): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => (id = /id=(\d+) [^\n]*name=glaceon:revocations [^\n]*cmd=xread/.exec(String(await redis.call('CLIENT', 'LIST')))?.[1]))
    .toBeDefined();
  return id!;
}

describe('session revocations (a stream on a real redis-server)', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));
  const followers: RevocationFollower[] = [];
  afterEach(() => {
    for (const f of followers.splice(0)) f.stop();
  });

  it('delivers every ended session from where the reader started, in order, and nothing older', async () => {
    await publishSessionsRevoked(redis, [hash()]); // before the reader: not delivered
    const r = follow(redis);
    followers.push(r.follower);
    await r.follower.ready;
    const a = await createSession(redis, { playerId: 'p_r1', name: 'Ria' });
    const b = await createSession(redis, { playerId: 'p_r1', name: 'Ria' });
    const c = await createSession(redis, { playerId: 'p_r2', name: 'Rob' });
    await deleteSession(redis, a.tokenHash, 'p_r1');
    await deleteAllSessions(redis, 'p_r1');
    await deleteSession(redis, c.tokenHash, 'p_r2');
    await expect.poll(() => r.got).toEqual([a.tokenHash, b.tokenHash, c.tokenHash]);
    expect(r.gaps).toBe(0);
  });

  it('misses nothing revoked while its connection was down (pub/sub lost exactly these)', async () => {
    const r = follow(redis);
    followers.push(r.follower);
    await r.follower.ready;
    const during = [hash(), hash(), hash()];
    // One transaction: the reader is dropped and the revocations are written before it can reconnect.
    const tx = redis.multi().call('CLIENT', 'KILL', 'ID', await readerId(redis));
    for (const h of during) tx.xadd(keys.sessionRevocations(), '*', 'h', h);
    await tx.exec();
    await expect.poll(() => r.got, { timeout: 5000 }).toEqual(during);
    const after = hash();
    await publishSessionsRevoked(redis, [after]);
    await expect.poll(() => r.got).toEqual([...during, after]);
    expect(r.gaps).toBe(0);
  });

  it('reports a gap when entries it had not read were trimmed while it was away', async () => {
    const r = follow(redis);
    followers.push(r.follower);
    await r.follower.ready;
    const id = await readerId(redis);
    // One transaction: the reader is dropped, and the entries it has not read are written and
    // trimmed, before it can reconnect.
    const tx = redis.multi().call('CLIENT', 'KILL', 'ID', id);
    for (let i = 0; i < 3; i++) tx.xadd(keys.sessionRevocations(), '*', 'h', hash());
    await tx.xtrim(keys.sessionRevocations(), 'MAXLEN', 0).exec();
    await expect.poll(() => r.gaps, { timeout: 5000 }).toBe(1);
    expect(r.got).toEqual([]);
  });

  it('keeps the stream capped', async () => {
    await redis.del(keys.sessionRevocations());
    // Approximate trimming drops whole nodes (100 entries each by default): write well past the cap.
    const batch = Array.from({ length: 200 }, () => hash());
    for (let i = 0; i < 10_300; i++) await publishSessionsRevoked(redis, [batch[i % batch.length]!]);
    const len = await redis.xlen(keys.sessionRevocations());
    expect(len).toBeGreaterThanOrEqual(10_000);
    expect(len).toBeLessThan(10_300);
  });

  it('a socket watch refuses a re-check interval that is not positive (NaN would run every millisecond)', () => {
    const log = { warn: () => undefined };
    for (const recheckMs of [0, -1, Number.NaN]) expect(() => watchSessionSockets(redis, { close: () => undefined, recheckMs, log })).toThrow(RangeError);
  });

  it('orders stream ids by time, then sequence', () => {
    expect(compareIds('2-0', '10-0')).toBe(-1);
    expect(compareIds('10-2', '10-10')).toBe(-1);
    expect(compareIds('10-10', '10-10')).toBe(0);
    expect(compareIds('11-0', '10-99')).toBe(1);
  });
});

describe('session revocations on a real Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  let redis: RedisClient;
  let follower: RevocationFollower | undefined;
  afterEach(async () => {
    follower?.stop();
    if (redis) await closeRedis(redis);
    await cluster?.stop();
  });

  it('delivers revocations written by another client', async () => {
    cluster = await startRedisCluster();
    redis = createRedis(cluster.url);
    const got: string[] = [];
    follower = followSessionRevocations(redis, { onRevoked: (h) => got.push(...h), onGap: () => undefined }, { blockMs: 200 });
    await follower.ready;
    const writer = createRedis(cluster.url);
    const hashes = [hash(), hash()];
    try {
      await publishSessionsRevoked(writer, hashes);
    } finally {
      await closeRedis(writer);
    }
    await expect.poll(() => got).toEqual(hashes);
  }, 60_000);

  it('carries on through a failover of the stream master, from where it was', async () => {
    cluster = await startRedisCluster({ replicasPerMaster: 1, nodeTimeoutMs: 1000 });
    redis = createRedis(cluster.url);
    const got: string[] = [];
    let gaps = 0;
    follower = followSessionRevocations(redis, { onRevoked: (h) => got.push(...h), onGap: () => gaps++ }, { blockMs: 200 });
    await follower.ready;
    const first = hash();
    await publishSessionsRevoked(redis, [first]);
    await expect.poll(() => got).toEqual([first]);
    const before = await cluster.topology();
    const slot = Number(await redis.cluster('KEYSLOT', keys.sessionRevocations()));
    const victim = masterOfSlot(before, slot)!;
    const replica = before.masters.find((m) => m.port === victim)!.replicas[0]!;
    // The entry read reached the replica before its master dies (replication is asynchronous).
    const replication = async () => String(await redisCommand(victim, ['INFO', 'replication']));
    const written = Number(/master_repl_offset:(\d+)/.exec(await replication())?.[1]);
    await expect.poll(async () => Number(/slave0:.*offset=(\d+)/.exec(await replication())?.[1] ?? -1), { timeout: 10_000 }).toBeGreaterThanOrEqual(written);
    cluster.processOf(victim)!.kill('SIGKILL');
    await expect.poll(async () => masterOfSlot(await cluster.topology(), slot), { timeout: 15_000, interval: 100 }).toBe(replica);
    const second = hash();
    await expect
      .poll(
        () =>
          publishSessionsRevoked(redis, [second]).then(
            () => 'written',
            (e: Error) => e.message,
          ),
        { timeout: 15_000, interval: 200 },
      )
      .toBe('written');
    await expect.poll(() => got, { timeout: 15_000 }).toEqual([first, second]);
    expect(gaps).toBe(0);
  }, 60_000);
});
