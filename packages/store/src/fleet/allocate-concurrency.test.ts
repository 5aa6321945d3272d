import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { spawnManaged, type RedisHandle } from '@glaceon/testkit';
import type { RedisClient } from '../redis.js';
import { heartbeatServer } from './index.js';
import { fleetKeys } from './keys.js';
import { useRealRedis } from '../test-support/real-redis.js';

const WORKERS = 4;
const ALLOCS = 200;
const CAPACITIES = { ms_a: 3, ms_b: 5, ms_c: 1, ms_d: 11 } as const;
const worker = fileURLToPath(new URL('../test-support/allocate-worker.ts', import.meta.url));

describe('allocation under concurrent callers in separate processes', () => {
  let server: RedisHandle;
  let redis: RedisClient;
  useRealRedis((ready) => {
    server = ready.server;
    redis = ready.redis;
  });

  it(`${WORKERS} processes x ${ALLOCS} allocations never exceed any capacity and agree per game id`, async () => {
    for (const [id, capacity] of Object.entries(CAPACITIES)) {
      await heartbeatServer(
        redis,
        id,
        { address: '127.0.0.1:1', controlUrl: 'http://127.0.0.1:2', region: 'eu', capacity, version: 't', instanceId: `inst-${id}` },
        { ttlMs: 120_000 },
      );
    }
    // A watcher samples every server's load while the workers run: the invariant must hold at every instant, not just at the end.
    let maxSeen: Record<string, number> = {};
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const id of Object.keys(CAPACITIES)) {
          const load = await redis.scard(fleetKeys.serverGames(id));
          maxSeen = { ...maxSeen, [id]: Math.max(maxSeen[id] ?? 0, load) };
        }
      }
    })();
    const children = Array.from({ length: WORKERS }, (_, w) =>
      spawnManaged(process.execPath, ['--conditions=glaceon-source', '--import', 'tsx', worker], {
        env: { ...process.env, REDIS_URL: server.url, WORKER: String(w), ALLOCS: String(ALLOCS) },
      }),
    );
    const exits = await Promise.all(children.map((c) => c.exited));
    watching = false;
    await watcher;
    exits.forEach((e, i) => expect(e.code, children[i]!.output()).toBe(0));
    const results = children.flatMap((c) => JSON.parse(c.output().trim().split('\n').pop()!) as { gameId: string; serverId: string | null }[]);
    expect(results).toHaveLength(WORKERS * ALLOCS);

    const total = Object.values(CAPACITIES).reduce((a, b) => a + b, 0);
    const byGame = new Map<string, Set<string | null>>();
    for (const r of results) byGame.set(r.gameId, (byGame.get(r.gameId) ?? new Set()).add(r.serverId));
    // Idempotent: every process asking for the same game got the same answer.
    for (const [gameId, servers] of byGame) {
      if (servers.size !== 1) throw new Error(`${gameId} got ${[...servers].join(', ')}`);
    }
    const granted = [...byGame.entries()].filter(([, s]) => [...s][0] !== null);
    expect(granted).toHaveLength(total);
    for (const [id, capacity] of Object.entries(CAPACITIES)) {
      expect(await redis.scard(fleetKeys.serverGames(id))).toBe(capacity);
      expect(maxSeen[id] ?? 0).toBeLessThanOrEqual(capacity);
      expect(granted.filter(([, s]) => s.has(id))).toHaveLength(capacity);
    }
  });
});
