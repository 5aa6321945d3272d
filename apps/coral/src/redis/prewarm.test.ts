import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, touchPlayers } from '@glaceon/store';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { prewarmStoreScripts } from './prewarm.js';

describe('prewarmStoreScripts', () => {
  let server: RedisHandle;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lets an auto-pipelined client run store scripts in the same turn as other commands', async () => {
    // Without prewarming, a script bound lazily while a pipeline is open is missing from it, and
    // ioredis fails the batch with an uncaught error (it crashed Corals under load); not reproduced here.
    const warm = createRedis(server.url, { enableAutoPipelining: true });
    expect(prewarmStoreScripts(warm)).toBeGreaterThan(10);
    await expect(Promise.all([warm.get('x'), touchPlayers(warm, '1v1', ['p_nobody'])])).resolves.toEqual([null, 0]);
    await closeRedis(warm);
  });
});
