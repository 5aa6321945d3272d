/**
 * AccountNames against real Redis: names of players held here come from their sessions, names
 * read once are remembered (bounded), and only the rest are read, one HGET each.
 */
import { describe, expect, it } from 'vitest';
import { createAccount, type RedisClient } from '@glaceon/store';
import { commandsDuring, useRealRedis } from '@glaceon/store/testing';
import { AccountNames } from './names.js';

describe('AccountNames', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  const account = async (name: string) => (await createAccount(redis, { name, passwordHash: 'x' })).id;

  it('held players are named from their sessions; only the others are read, and each is read once', async () => {
    const [a, b, c] = [await account('Ada'), await account('Bo'), await account('Cy')];
    const held = new Map([[a, 'Ada']]);
    const names = new AccountNames({ redis, held: (p) => held.get(p) });
    let got = new Map<string, string>();
    const first = await commandsDuring(redis, async () => (got = await names.of([a, b, c])));
    expect(got).toEqual(
      new Map([
        [a, 'Ada'],
        [b, 'Bo'],
        [c, 'Cy'],
      ]),
    );
    expect(first).toEqual({ hget: 2 });
    const again = await commandsDuring(redis, async () => (got = await names.of([c, b, a])));
    expect(got).toEqual(
      new Map([
        [c, 'Cy'],
        [b, 'Bo'],
        [a, 'Ada'],
      ]),
    );
    expect(again).toEqual({});
  });

  it('a player with no account is left out and asked again next time (not remembered as nameless)', async () => {
    const names = new AccountNames({ redis, held: () => undefined });
    const ghost = 'p_ghost';
    expect(await names.of([ghost])).toEqual(new Map());
    expect(await commandsDuring(redis, () => names.of([ghost]))).toEqual({ hget: 1 });
  });

  it('remembers at most `max` names, dropping the oldest', async () => {
    const ids = [await account('One'), await account('Two'), await account('Three')];
    const names = new AccountNames({ redis, held: () => undefined, max: 2 });
    await names.of(ids);
    // One was read first and dropped; Two and Three are still known.
    expect(await commandsDuring(redis, () => names.of([ids[1]!, ids[2]!]))).toEqual({});
    expect(await commandsDuring(redis, () => names.of([ids[0]!]))).toEqual({ hget: 1 });
  });
});
