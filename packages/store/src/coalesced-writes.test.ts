import type { Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { startRedisCluster, type RedisClusterHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, type RedisClient } from './redis.js';
import { useRealRedis } from './test-support/real-redis.js';

/** Counts the socket writes (syscall-level `_write` / `_writev` calls) of one node connection's current socket. */
function countWrites(node: Redis): { readonly count: number } {
  const stream = (node as unknown as { stream: Socket & { _write: (...a: unknown[]) => void; _writev?: (...a: unknown[]) => void } }).stream;
  const counter = { count: 0 };
  const write = stream._write.bind(stream);
  stream._write = (...args: unknown[]) => {
    counter.count++;
    write(...args);
  };
  const writev = stream._writev?.bind(stream);
  if (writev) {
    stream._writev = (...args: unknown[]) => {
      counter.count++;
      writev(...args);
    };
  }
  return counter;
}

const KEYS = Array.from({ length: 100 }, (_, i) => `cw:k${i}`);

describe('coalesced writes on a real redis-server', () => {
  let url = '';
  useRealRedis((ready) => {
    url = ready.server.url;
  });

  async function withClient(coalesceWrites: boolean, fn: (client: Redis) => Promise<void>): Promise<void> {
    const client = createRedis(url, { coalesceWrites }) as Redis;
    try {
      await client.ping();
      await fn(client);
    } finally {
      await closeRedis(client);
    }
  }

  it("sends one turn's commands in one socket write, each with its own reply (without coalescing: a write each)", async () => {
    for (const coalesceWrites of [true, false]) {
      await withClient(coalesceWrites, async (client) => {
        const writes = countWrites(client);
        const replies = await Promise.all(KEYS.map((k, i) => client.set(k, String(i)).then(() => client.get(k))));
        expect(replies).toEqual(KEYS.map((_, i) => String(i)));
        const before = writes.count;
        await Promise.all(KEYS.map((k) => client.incr(k)));
        if (coalesceWrites) expect(writes.count - before).toBe(1);
        else expect(writes.count - before).toBeGreaterThan(KEYS.length / 2);
        expect(await client.mget(...KEYS)).toEqual(KEYS.map((_, i) => String(i + 1)));
      });
    }
  });

  it("sends a turn's commands without waiting for an earlier turn's replies", async () => {
    await withClient(true, async (client) => {
      const writes = countWrites(client);
      // A reply that takes 300 ms: this connection's later commands queue behind it in Redis,
      // but they must already be on the wire (auto-pipelining would hold them until it answers).
      const blocked = client.blpop('cw:empty', 0.3);
      await nextTurn();
      const later = client.incr('cw:later');
      await nextTurn();
      expect(writes.count).toBe(2);
      expect(await blocked).toBeNull();
      expect(await later).toBe(1);
    });
  });

  it('keeps coalescing after a reconnect, and delivers the commands issued while disconnected', async () => {
    await withClient(true, async (client) => {
      client.disconnect(true);
      const offline = Promise.all(KEYS.slice(0, 10).map((k) => client.set(k, 'offline')));
      await new Promise<void>((resolve) => client.once('ready', () => resolve()));
      await offline;
      const writes = countWrites(client);
      expect(await Promise.all(KEYS.slice(0, 10).map((k) => client.get(k)))).toEqual(KEYS.slice(0, 10).map(() => 'offline'));
      expect(writes.count).toBe(1);
    });
  });
});

describe('coalesced writes on a real Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  let redis: RedisClient;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    redis = createRedis(cluster.url, { coalesceWrites: true });
  });
  afterAll(async () => {
    await closeRedis(redis);
    await cluster.stop();
  });

  it("sends one turn's commands to each master in one write", async () => {
    // Keys spread over every master's slots; the first round also learns the slot map.
    const keys = Array.from({ length: 60 }, (_, i) => `{cw${i}}:k`);
    await Promise.all(keys.map((k) => redis.set(k, '0')));
    if (!('nodes' in redis)) throw new Error('expected a cluster client');
    const masters = redis.nodes('master');
    expect(masters.length).toBe(3);
    const writes = masters.map((node) => countWrites(node));
    expect(await Promise.all(keys.map((k) => redis.incr(k)))).toEqual(keys.map(() => 1));
    expect(writes.map((w) => w.count)).toEqual([1, 1, 1]);
  });
});
