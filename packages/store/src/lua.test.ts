import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisHandle } from '@glaceon/testkit';
import { isErrorCode } from '@glaceon/protocol';
import { createRedis, closeRedis, type RedisClient } from './redis.js';

describe('store against a real redis-server', () => {
  let redis: RedisHandle;
  let client: RedisClient;
  beforeAll(async () => {
    redis = await startRedis();
    client = createRedis(redis.url);
  });
  afterAll(async () => {
    await closeRedis(client);
    await redis.stop();
  });
  it('talks to the server the kit started', async () => {
    expect(await client.ping()).toBe('PONG');
    expect(isErrorCode('LOBBY_FULL')).toBe(true);
  });
});
