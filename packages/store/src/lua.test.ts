import { describe, expect, it } from 'vitest';
import { isErrorCode } from '@glaceon/protocol';
import type { RedisClient } from './redis.js';
import { useRealRedis } from './test-support/real-redis.js';

describe('store against a real redis-server', () => {
  let client: RedisClient;
  useRealRedis((ready) => (client = ready.redis));
  it('talks to the server the kit started', async () => {
    expect(await client.ping()).toBe('PONG');
    expect(isErrorCode('LOBBY_FULL')).toBe(true);
  });
});
