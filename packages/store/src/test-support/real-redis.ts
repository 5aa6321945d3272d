/**
 * Test fixture: a real redis-server for one test file (started in beforeAll,
 * stopped in afterAll) and a store client connected to it. Test-only: the
 * package build excludes src/test-support.
 */
import { afterAll, beforeAll } from 'vitest';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { closeRedis, createRedis, type RedisClient } from '../redis.js';

export function useRealRedis(onReady: (ready: { redis: RedisClient; server: RedisHandle }) => void): void {
  let server: RedisHandle | undefined;
  let redis: RedisClient | undefined;
  beforeAll(async () => {
    server = await startRedis();
    redis = createRedis(server.url);
    onReady({ redis, server });
  });
  afterAll(async () => {
    if (redis) await closeRedis(redis);
    await server?.stop();
  });
}
