import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { createAccount, findAccountByName, getAccount, getAccountNames } from './index.js';
import { accountNameKey } from './keys.js';
import { useRealRedis } from '../test-support/real-redis.js';

describe('accounts store', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  it('creates an account under a unique, case-insensitive name', async () => {
    const a = await createAccount(redis, { name: 'Ada', passwordHash: 'h1' });
    expect(await redis.pttl(keys.account(a.id))).toBe(-1);
    expect((await findAccountByName(redis, 'ADA'))?.id).toBe(a.id);
    expect((await getAccount(redis, a.id))?.name).toBe('Ada');
    expect(await getAccountNames(redis, [a.id, 'p_missing'])).toEqual(new Map([[a.id, 'Ada']]));
    await expect(createAccount(redis, { name: 'aDa', passwordHash: 'h2' })).rejects.toMatchObject({ code: 'NAME_TAKEN' });
  });

  it('concurrent registrations of one name: exactly one wins', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => createAccount(redis, { name: i % 2 ? 'Racer' : 'racer', passwordHash: 'h' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('reclaims a name whose account never landed (crash during register)', async () => {
    await redis.set(accountNameKey('Ghost'), 'p_crashed');
    const g = await createAccount(redis, { name: 'Ghost', passwordHash: 'h' });
    expect(await redis.get(accountNameKey('ghost'))).toBe(g.id);
  });
});
