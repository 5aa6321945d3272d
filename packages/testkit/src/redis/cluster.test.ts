import { existsSync } from 'node:fs';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processExists, processGroupMembers } from '../proc-info.js';
import { CLUSTER_SLOTS, masterOfSlot, startRedisCluster, type RedisClusterHandle } from './cluster.js';
import { parseInfo, redisCommand } from './resp.js';

/** The same reading of the url that createRedis in @glaceon/store does. */
function seedsFromUrl(url: string): { host: string; port: number }[] {
  expect(url.startsWith('redis+cluster://')).toBe(true);
  return url
    .slice('redis+cluster://'.length)
    .split(',')
    .map((hostPort) => {
      const [host, port] = hostPort.split(':');
      return { host: host ?? '', port: Number(port) };
    });
}

const TOUCH_BOTH = "redis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[1]); return redis.call('GET', KEYS[2])";

describe('startRedisCluster', () => {
  let cluster: RedisClusterHandle;
  let client: Cluster;

  beforeAll(async () => {
    cluster = await startRedisCluster();
    client = new Cluster(seedsFromUrl(cluster.url), { scaleReads: 'master' });
    // Commands sent while the client is still discovering the topology can meet a
    // connection it closes during that discovery ("Connection is closed"): start once it is ready.
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve());
      client.once('error', reject);
    });
  });
  afterAll(async () => {
    client?.disconnect();
    await cluster?.stop();
  });

  it('has three masters that all see a healthy cluster with every slot covered', async () => {
    expect(cluster.nodes).toHaveLength(3);
    expect(seedsFromUrl(cluster.url)).toEqual(cluster.nodes);
    for (const node of cluster.nodes) {
      const info = parseInfo(String(await redisCommand(node.port, ['CLUSTER', 'INFO'])));
      expect(info.cluster_state).toBe('ok');
      expect(Number(info.cluster_slots_assigned)).toBe(CLUSTER_SLOTS);
      expect(Number(info.cluster_size)).toBe(3);
    }
    const masters = await client.nodes('master');
    expect(masters).toHaveLength(3);
  });

  it('a script whose keys hash to different slots fails with CROSSSLOT', async () => {
    const [slotA, slotB] = await Promise.all([client.cluster('KEYSLOT', 'player:a'), client.cluster('KEYSLOT', 'player:b')]);
    expect(slotA).not.toBe(slotB);
    await expect(client.eval(TOUCH_BOTH, 2, 'player:a', 'player:b', 'x')).rejects.toThrow(/CROSSSLOT/);
    expect([await client.exists('player:a'), await client.exists('player:b')]).toEqual([0, 0]);
  });

  it('a script whose keys share a hash tag runs atomically on one node', async () => {
    expect(await client.cluster('KEYSLOT', '{t}:a')).toBe(await client.cluster('KEYSLOT', '{t}:b'));
    expect(await client.eval(TOUCH_BOTH, 2, '{t}:a', '{t}:b', 'tagged')).toBe('tagged');
    expect(await client.get('{t}:a')).toBe('tagged');
  });

  it('spreads keys over every master', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `spread:${i}`);
    await Promise.all(keys.map((key) => client.set(key, '1')));
    const counts = await Promise.all(cluster.nodes.map(async (node) => Number(await redisCommand(node.port, ['DBSIZE']))));
    expect(counts.every((count) => count > 0)).toBe(true);
  });
});

describe('stopping a cluster', () => {
  it('leaves no node process and no folder', async () => {
    const cluster = await startRedisCluster({ nodeTimeoutMs: 2000 });
    const pids = cluster.processes.map((proc) => proc.pid);
    expect(pids.every(processExists)).toBe(true);
    expect(existsSync(cluster.dir)).toBe(true);
    await cluster.stop();
    for (const pid of pids) {
      expect(() => process.kill(pid, 0)).toThrow();
      expect(processGroupMembers(pid)).toEqual([]);
    }
    expect(existsSync(cluster.dir)).toBe(false);
    await cluster.stop();
  });

  it('rejects fewer than 3 masters before starting anything', async () => {
    await expect(startRedisCluster({ masters: 2 })).rejects.toThrow(/at least 3 masters/);
  });
});

describe('a cluster with one replica per master', () => {
  let cluster: RedisClusterHandle;
  let client: Cluster;
  beforeAll(async () => {
    cluster = await startRedisCluster({ replicasPerMaster: 1, nodeTimeoutMs: 1000 });
    client = new Cluster(seedsFromUrl(cluster.url), { scaleReads: 'master' });
    // Commands sent while the client is still discovering the topology can meet a
    // connection it closes during that discovery ("Connection is closed"): start once it is ready.
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve());
      client.once('error', reject);
    });
  });
  afterAll(async () => {
    client?.disconnect();
    await cluster?.stop();
  });

  it('promotes the replica when its master is SIGKILLed, and a client carries on by itself', async () => {
    expect(cluster.nodes).toHaveLength(6);
    const before = await cluster.topology();
    expect(before.masters).toHaveLength(3);
    expect(before.masters.every((m) => m.replicas.length === 1)).toBe(true);
    const slot = Number(await client.cluster('KEYSLOT', '{f}:k'));
    const victim = masterOfSlot(before, slot)!;
    const replica = before.masters.find((m) => m.port === victim)!.replicas[0]!;
    await client.set('{f}:k', 'before');
    // The write reached the replica (its acknowledged offset passed the master's offset right
    // after the write), so the failover cannot lose it. Equality with the master's *current*
    // offset is the wrong test: the master's own pings to its replica keep moving it.
    const replication = async () => parseInfo(String(await redisCommand(victim, ['INFO', 'replication'])));
    const written = Number((await replication()).master_repl_offset);
    await expect
      .poll(async () => Number(/offset=(\d+)/.exec((await replication()).slave0 ?? '')?.[1] ?? -1), { timeout: 10_000, interval: 50 })
      .toBeGreaterThanOrEqual(written);
    cluster.processOf(victim)!.kill('SIGKILL');
    await expect.poll(async () => masterOfSlot(await cluster.topology(), slot), { timeout: 15_000, interval: 100 }).toBe(replica);
    await expect.poll(async () => client.set('{f}:k2', 'after').catch((e: Error) => e.message), { timeout: 15_000, interval: 100 }).toBe('OK');
    expect(await client.get('{f}:k')).toBe('before');
    expect((await cluster.topology()).failed).toContain(victim);
  }, 40_000);
});
