/**
 * A member who signs out while their lobby is in a game cannot leave then
 * (membership changes only while idle), but must not sit in the party after
 * it: every match the party queued for would fail its ready check. The leave
 * is remembered in the lobby's slot and carried out by whichever Realm next
 * sees the lobby idle (the push Coral sends when the game ends), if the player
 * has not signed in again meanwhile (the caller checks).
 */
import type { RedisClient } from '../redis.js';
import { lobbyKeys } from './keys.js';

/** Longer than any game (a queue's `maxGameMs` is at most a day): a mark nobody carried out is forgotten. */
export const LEAVE_AFTER_GAME_TTL_MS = 25 * 60 * 60 * 1000;

/** Remember that `playerId` leaves `lobbyId` once its game is over. */
export async function markLeaveAfterGame(redis: RedisClient, lobbyId: string, playerId: string, now = Date.now()): Promise<void> {
  const key = lobbyKeys.leaveAfterGame(lobbyId);
  await redis.multi().hset(key, playerId, String(now)).pexpire(key, LEAVE_AFTER_GAME_TTL_MS).exec();
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

/** The marks go with their lobby. */
export async function forgetLeavesAfterGame(redis: RedisClient, lobbyId: string): Promise<void> {
  await redis.del(lobbyKeys.leaveAfterGame(lobbyId));
}
