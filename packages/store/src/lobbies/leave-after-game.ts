/**
 * A member who signs out while their lobby is in a game cannot leave then
 * (membership changes only while idle), but must not sit in the party after
 * it: every match the party queued for would fail its ready check. The leave
 * is remembered in the lobby's slot and carried out by whichever Realm next
 * sees the lobby idle (the push Coral sends when the game ends), if the player
 * has not signed in again meanwhile (the caller checks). Nobody may be online to
 * see that push, so the lobby is also indexed for Realm's periodic sweep
 * (`dueLeavesAfterGame`, `settleLeavesAfterGame`).
 */
import type { RedisClient } from '../redis.js';
import { leaveAfterGameDueKey, lobbyKeys } from './keys.js';

/** Longer than any game (a queue's `maxGameMs` is at most a day): a mark nobody carried out is forgotten. */
export const LEAVE_AFTER_GAME_TTL_MS = 25 * 60 * 60 * 1000;

/** Remember that `playerId` leaves `lobbyId` once its game is over. */
export async function markLeaveAfterGame(redis: RedisClient, lobbyId: string, playerId: string, now = Date.now()): Promise<void> {
  const key = lobbyKeys.leaveAfterGame(lobbyId);
  await redis.multi().hset(key, playerId, String(now)).pexpire(key, LEAVE_AFTER_GAME_TTL_MS).exec();
  // After the mark (settleLeavesAfterGame relies on that order): a crash between the two
  // leaves a mark only the idle push carries out, as before the sweep existed.
  await redis.zadd(leaveAfterGameDueKey, now, lobbyId);
}

/** Lobbies due a look by the sweep (oldest first), at most `limit`. */
export async function dueLeavesAfterGame(redis: RedisClient, now = Date.now(), limit = 100): Promise<string[]> {
  return redis.zrangebyscore(leaveAfterGameDueKey, '-inf', now, 'LIMIT', 0, limit);
}

/**
 * The sweep looked at `lobbyId`: still in a game, it is looked at again at `recheckAt`;
 * otherwise (its marks taken, or the lobby gone) it leaves the index, unless a mark was
 * added meanwhile. A mark is written before its index entry, so either the check below
 * sees it or its own `ZADD` comes after this `ZREM`.
 */
export async function settleLeavesAfterGame(redis: RedisClient, lobbyId: string, recheckAt: number | null): Promise<void> {
  if (recheckAt !== null) {
    await redis.zadd(leaveAfterGameDueKey, 'XX', recheckAt, lobbyId);
    return;
  }
  await redis.zrem(leaveAfterGameDueKey, lobbyId);
  if ((await redis.exists(lobbyKeys.leaveAfterGame(lobbyId))) === 1) await redis.zadd(leaveAfterGameDueKey, Date.now(), lobbyId);
}

/**
 * Take the lobby's remembered leaves: read and delete in one transaction, so of
 * several Realms that see the lobby idle at once, one gets them. Nearly every
 * lobby has none, which costs one read.
 */
export async function takeLeavesAfterGame(redis: RedisClient, lobbyId: string): Promise<string[]> {
  const key = lobbyKeys.leaveAfterGame(lobbyId);
  if ((await redis.hlen(key)) === 0) return [];
  const replies = await redis.multi().hgetall(key).del(key).exec();
  const marked = replies?.[0]?.[1];
  return marked && typeof marked === 'object' ? Object.keys(marked) : [];
}

/** The marks go with their lobby (the sweep drops its index entry when it finds the lobby gone). */
export async function forgetLeavesAfterGame(redis: RedisClient, lobbyId: string): Promise<void> {
  await redis.del(lobbyKeys.leaveAfterGame(lobbyId));
}
