/**
 * Accounts: `account:{<playerId>}` (hash: id, name, passwordHash, createdAt)
 * and the unique, case-insensitive name index `account:name:{<lowercase>}` ->
 * playerId. Two slots: the account is written first with a short TTL, the name
 * is claimed (SET NX), then the TTL is removed. A crash leaves either an
 * orphan account that expires, or a name pointing at no account, which
 * register reclaims (compare-and-delete).
 */
import { GlaceonError, newId } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { accountNameKey } from './keys.js';
import { accountScripts } from './scripts.js';

const PROVISIONAL_TTL_MS = 60_000;

export interface AccountRecord {
  id: string;
  name: string;
  passwordHash: string;
  createdAt: number;
}

export async function getAccount(redis: RedisClient, playerId: string): Promise<AccountRecord | null> {
  const h = await redis.hgetall(keys.account(playerId));
  if (!h.id || !h.name || !h.passwordHash) return null;
  return { id: h.id, name: h.name, passwordHash: h.passwordHash, createdAt: Number(h.createdAt ?? 0) };
}

export async function findAccountByName(redis: RedisClient, name: string): Promise<AccountRecord | null> {
  const id = await redis.get(accountNameKey(name));
  return id ? getAccount(redis, id) : null;
}

/** Display names of several players (missing ones are left out). */
export async function getAccountNames(redis: RedisClient, playerIds: readonly string[]): Promise<Map<string, string>> {
  const names = await Promise.all(playerIds.map((id) => redis.hget(keys.account(id), 'name')));
  const out = new Map<string, string>();
  playerIds.forEach((id, i) => {
    const n = names[i];
    if (n) out.set(id, n);
  });
  return out;
}

/**
 * Replace an account's password hash (a rehash to the current algorithm) only if it
 * is still `verifiedHash`; false when it changed meanwhile (nothing written).
 */
export async function replacePasswordHash(redis: RedisClient, playerId: string, verifiedHash: string, newHash: string): Promise<boolean> {
  const [status] = await accountScripts(redis).replacePasswordHash([keys.account(playerId)], [verifiedHash, newHash]);
  return status === 1;
}

/** Create an account. NAME_TAKEN when the name is in use, ignoring case. */
export async function createAccount(redis: RedisClient, input: { name: string; passwordHash: string }): Promise<AccountRecord> {
  const record: AccountRecord = { id: newId('p_'), name: input.name, passwordHash: input.passwordHash, createdAt: Date.now() };
  const accountKey = keys.account(record.id);
  await redis
    .multi()
    .hset(accountKey, { ...record })
    .pexpire(accountKey, PROVISIONAL_TTL_MS)
    .exec();
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((await redis.set(accountNameKey(input.name), record.id, 'NX')) === 'OK') {
      if ((await redis.persist(accountKey)) === 1) return record;
      // Our provisional record expired before we got here: give the name back.
      await accountScripts(redis).releaseName([accountNameKey(input.name)], [record.id]);
      throw new GlaceonError('UNAVAILABLE', 'Registration took too long; try again.');
    }
    const holder = await redis.get(accountNameKey(input.name));
    // A name naming no account is a crashed registration: reclaim it once.
    if (attempt === 0 && holder && (await redis.exists(keys.account(holder))) === 0) {
      await accountScripts(redis).releaseName([accountNameKey(input.name)], [holder]);
      continue;
    }
    break;
  }
  await redis.del(accountKey);
  throw new GlaceonError('NAME_TAKEN');
}
