/**
 * Test harness: a real redis-server (test kit), one or more real Realm
 * instances (buildApp + listen on port 0) sharing it, typed clients, and a
 * keyspace snapshot (SCAN + DUMP) to prove that refused requests change nothing.
 *
 * `REALM_TEST_REDIS=cluster` (set by the `realm-cluster` project in
 * vitest.config.ts) runs the same tests against a real 3-master Redis Cluster.
 */
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { startRedis, startRedisCluster } from '@glaceon/testkit';
import { closeRedis, createRedis, isCluster, type RedisClient } from '@glaceon/store';
import { RealmClient, RealmEvents, type RealmWebSocketConstructor } from '@glaceon/client';
import { buildApp } from '../app.js';
import type { RealmConfig } from '../config.js';
import { buildInternalApp } from '../internal.js';

/** Whichever Redis the run uses: one node, or a cluster when `REALM_TEST_REDIS=cluster`. */
export interface TestRedisServer {
  url: string;
  stop(): Promise<void>;
}

export const ON_CLUSTER = process.env.REALM_TEST_REDIS === 'cluster';

export function startTestRedis(): Promise<TestRedisServer> {
  return ON_CLUSTER ? startRedisCluster() : startRedis();
}

export interface Stack {
  redisServer: TestRedisServer;
  redis: RedisClient;
  apps: FastifyInstance[];
  urls: string[];
  /** Each instance's internal listener (`/metrics`), as server.ts runs it. */
  internalUrls: string[];
  client(instance?: number): RealmClient;
  events(client: RealmClient, instance?: number): RealmEvents;
  close(): Promise<void>;
}

export const TEST_CONFIG: Partial<RealmConfig> = {
  heartbeatMs: 500,
  presenceTtlMs: 1500,
  helloTimeoutMs: 1000,
};

export async function startStack(instances = 1, config: Partial<RealmConfig> = {}): Promise<Stack> {
  const redisServer = await startTestRedis();
  const redis = createRedis(redisServer.url);
  const apps: FastifyInstance[] = [];
  const urls: string[] = [];
  const internals: FastifyInstance[] = [];
  const internalUrls: string[] = [];
  const openEvents: RealmEvents[] = [];
  for (let i = 0; i < instances; i++) {
    const app = await buildApp({ config: { ...TEST_CONFIG, ...config, redisUrl: redisServer.url }, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    apps.push(app);
    urls.push(`http://127.0.0.1:${address.port}`);
    const internal = buildInternalApp(app);
    internalUrls.push(await internal.listen({ port: 0, host: '127.0.0.1' }));
    internals.push(internal);
  }
  return {
    redisServer,
    redis,
    apps,
    urls,
    internalUrls,
    client: (i = 0) => new RealmClient({ baseUrl: urls[i]! }),
    events(client, i = 0) {
      const ev = new RealmEvents({
        url: `${urls[i]!.replace('http', 'ws')}/v1/events`,
        token: () => client.token,
        WebSocket: WebSocket as unknown as RealmWebSocketConstructor,
        minDelayMs: 50,
        maxDelayMs: 500,
      });
      openEvents.push(ev);
      return ev;
    },
    async close() {
      for (const ev of openEvents) ev.close();
      for (const app of apps) await app.close();
      for (const internal of internals) await internal.close();
      await closeRedis(redis);
      await redisServer.stop();
    },
  };
}

/** Keys that legitimately change on every request (rate-limit counters) are left out. */
const VOLATILE = /^(realm:rl:|ratelimit:)/;

/** Every key and its DUMP: equal snapshots mean nothing was written. */
export async function keyspace(redis: RedisClient): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // SCAN walks one node: on a cluster, walk every master (DUMP goes through the cluster client).
  const nodes: RedisClient[] = isCluster(redis) ? redis.nodes('master') : [redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      // Through `call`: RedisClient's union does not type `scan` / `dumpBuffer`.
      const [next, batch] = (await node.call('SCAN', cursor, 'COUNT', 500)) as [string, string[]];
      cursor = next;
      for (const key of batch) {
        if (VOLATILE.test(key)) continue;
        const dump = (await redis.callBuffer('DUMP', key)) as Buffer | null;
        if (dump) out.set(key, dump.toString('base64'));
      }
    } while (cursor !== '0');
  }
  return out;
}

/** Poll until `check` holds (no fixed sleeps standing in for synchronisation). */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let counter = 0;
/** A display name unique within this process. */
export function uniqueName(prefix = 'u'): string {
  counter++;
  return `${prefix}${process.pid % 1000}_${counter}_${Math.floor(Math.random() * 1e4)}`.slice(0, 20);
}

export const PASSWORD = 'correct-horse-battery';

/** Raw HTTP with full control over body bytes and headers (for malformed input). */
export async function raw(
  url: string,
  init: { method: string; path: string; body?: string; headers?: Record<string, string> },
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${url}${init.path}`, { method: init.method, body: init.body, headers: init.headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: response.status, body, headers: response.headers };
}
