/**
 * Presence: each live event socket is a connection id in
 * `presence:{p}:conns` (sorted set, score = deadline ms), refreshed by the
 * holding Realm instance's heartbeat. The player is online while any deadline
 * is in the future. `{presence}:deadlines` (player -> latest deadline) lets any
 * instance sweep players whose instance died without saying goodbye.
 * `presence:{p}.status` is the last status announced to friends.
 */
import { PRESENCES, type Presence } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { presenceKeys } from './keys.js';
import { presenceScripts } from './scripts.js';

export * from './bus.js';

const KNOWN = new Set<string>(PRESENCES);

/** Register or refresh live connections: `[playerId, connectionId]` pairs, alive until now + ttlMs. */
export async function touchConnections(redis: RedisClient, conns: readonly (readonly [string, string])[], ttlMs: number): Promise<void> {
  const deadline = Date.now() + ttlMs;
  await Promise.all(
    conns.map(async ([playerId, connId]) => {
      await redis
        .multi()
        .zadd(presenceKeys.conns(playerId), deadline, connId)
        .pexpire(presenceKeys.conns(playerId), ttlMs * 2)
        .exec();
      await redis.zadd(presenceKeys.deadlines(), 'GT', deadline, playerId);
    }),
  );
}

export async function dropConnection(redis: RedisClient, playerId: string, connId: string): Promise<void> {
  await redis.zrem(presenceKeys.conns(playerId), connId);
}

/** True while any of the player's connections has a deadline in the future. */
export async function isOnline(redis: RedisClient, playerId: string): Promise<boolean> {
  return (await redis.zcount(presenceKeys.conns(playerId), `(${Date.now()}`, '+inf')) > 0;
}

/** Compare-and-set the announced status; true when it changed (the caller then tells friends). */
export async function setAnnouncedPresence(redis: RedisClient, playerId: string, status: Presence): Promise<boolean> {
  return (await swapAnnouncedPresence(redis, playerId, status)).changed;
}

/** The same compare-and-set, also saying what was announced before ('offline' when nothing was), so callers see an online/offline flip. */
export async function swapAnnouncedPresence(redis: RedisClient, playerId: string, status: Presence): Promise<{ changed: boolean; previous: Presence }> {
  const [changed, previous] = await presenceScripts(redis).setStatus([presenceKeys.status(playerId)], [status]);
  return { changed: changed === 1, previous: (KNOWN.has(String(previous ?? '')) ? previous : 'offline') as Presence };
}

/** Which of these players have a live connection (an event socket on any instance) right now. */
export async function onlinePlayers(redis: RedisClient, playerIds: readonly string[]): Promise<Set<string>> {
  const online = await Promise.all(playerIds.map((id) => isOnline(redis, id)));
  return new Set(playerIds.filter((_, i) => online[i]));
}

/** Announced statuses of several players ('offline' when unknown). */
export async function getAnnouncedPresence(redis: RedisClient, playerIds: readonly string[]): Promise<Map<string, Presence>> {
  const values = await Promise.all(playerIds.map((id) => redis.hget(presenceKeys.status(id), 'status')));
  return new Map(playerIds.map((id, i) => [id, (KNOWN.has(values[i] ?? '') ? values[i] : 'offline') as Presence]));
}

/** Players whose latest connection deadline has passed (candidates for a recompute), up to `limit`. */
export async function expiredPresence(redis: RedisClient, limit = 100): Promise<string[]> {
  return redis.zrangebyscore(presenceKeys.deadlines(), '-inf', Date.now(), 'LIMIT', 0, limit);
}

/** Drop a player from the sweep index unless a heartbeat moved their deadline meanwhile. */
export async function settlePresenceDeadline(redis: RedisClient, playerId: string): Promise<boolean> {
  const [removed] = await presenceScripts(redis).settleDeadline([presenceKeys.deadlines()], [playerId, Date.now()]);
  return removed === 1;
}
