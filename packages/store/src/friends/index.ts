/**
 * Friends: each player's side lives in their own slot; a change touching two
 * players runs one script per side, the initiator's side first. Every step is
 * idempotent, so repeating the request, accept, decline, cancel, remove or
 * block completes a change a crash interrupted (docs/redis/realm.md).
 */
import { GlaceonError } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { expectOk } from '../lua.js';
import { FRIEND_ERRORS, friendScripts } from './scripts.js';
import { friendKeys } from './keys.js';

export interface FriendGraph {
  friends: Map<string, number>;
  incoming: Map<string, number>;
  outgoing: Map<string, number>;
  blocked: Map<string, number>;
}

const toMap = (h: Record<string, string>) => new Map(Object.entries(h).map(([k, v]) => [k, Number(v)] as const));

export async function getFriendGraph(redis: RedisClient, playerId: string): Promise<FriendGraph> {
  const [f, i, o, b] = friendKeys(playerId);
  const [friends, incoming, outgoing, blocked] = await Promise.all([redis.hgetall(f), redis.hgetall(i), redis.hgetall(o), redis.hgetall(b)]);
  return { friends: toMap(friends), incoming: toMap(incoming), outgoing: toMap(outgoing), blocked: toMap(blocked) };
}

export async function getFriendIds(redis: RedisClient, playerId: string): Promise<string[]> {
  return redis.hkeys(friendKeys(playerId)[0]);
}

export async function areFriends(redis: RedisClient, a: string, b: string): Promise<boolean> {
  return (await redis.hexists(friendKeys(a)[0], b)) === 1;
}

/** `requested`, or `friends` when the target had already asked the sender (the request becomes an accept). */
export async function sendFriendRequest(redis: RedisClient, fromId: string, toId: string): Promise<'requested' | 'friends'> {
  if (fromId === toId) throw new GlaceonError('INVALID_MESSAGE', 'You cannot befriend yourself.', '/name');
  const now = Date.now();
  const first = expectOk(FRIEND_ERRORS, 'send-request', await friendScripts(redis).sendRequest(friendKeys(fromId), [toId, now]));
  if (Number(first[0]) === 2) {
    await acceptFriendRequest(redis, fromId, toId);
    return 'friends';
  }
  try {
    expectOk(FRIEND_ERRORS, 'receive-request', await friendScripts(redis).receiveRequest(friendKeys(toId), [fromId, now]));
  } catch (error) {
    await redis.hdel(friendKeys(fromId)[2], toId);
    throw error;
  }
  return 'requested';
}

/** `accepterId` accepts `requesterId`'s request. */
export async function acceptFriendRequest(redis: RedisClient, accepterId: string, requesterId: string): Promise<void> {
  const now = Date.now();
  expectOk(FRIEND_ERRORS, 'accept', await friendScripts(redis).accept(friendKeys(accepterId), [requesterId, now]));
  try {
    expectOk(FRIEND_ERRORS, 'befriend', await friendScripts(redis).befriend(friendKeys(requesterId), [accepterId, now]));
  } catch (error) {
    // They blocked the accepter in between: no one-sided friendship.
    await redis.hdel(friendKeys(accepterId)[0], requesterId);
    throw error;
  }
}

/** Decline an incoming request. NOT_FOUND when there is none. */
export async function declineFriendRequest(redis: RedisClient, playerId: string, requesterId: string): Promise<void> {
  const mine = await redis.hdel(friendKeys(playerId)[1], requesterId);
  const theirs = await redis.hdel(friendKeys(requesterId)[2], playerId);
  if (mine + theirs === 0) throw new GlaceonError('NOT_FOUND', 'No such friend request.');
}

/** Cancel an outgoing request. NOT_FOUND when there is none. */
export async function cancelFriendRequest(redis: RedisClient, playerId: string, targetId: string): Promise<void> {
  const mine = await redis.hdel(friendKeys(playerId)[2], targetId);
  const theirs = await redis.hdel(friendKeys(targetId)[1], playerId);
  if (mine + theirs === 0) throw new GlaceonError('NOT_FOUND', 'No such friend request.');
}

export async function removeFriend(redis: RedisClient, playerId: string, friendId: string): Promise<void> {
  const mine = await redis.hdel(friendKeys(playerId)[0], friendId);
  const theirs = await redis.hdel(friendKeys(friendId)[0], playerId);
  if (mine + theirs === 0) throw new GlaceonError('NOT_FOUND', 'Not a friend.');
}

/** Block: ends the friendship and any request both ways; their future requests fail with BLOCKED. */
export async function blockPlayer(redis: RedisClient, playerId: string, targetId: string): Promise<void> {
  if (playerId === targetId) throw new GlaceonError('INVALID_MESSAGE', 'You cannot block yourself.', '/playerId');
  const [f, i, o, b] = friendKeys(playerId);
  await redis.multi().hset(b, targetId, Date.now()).hdel(f, targetId).hdel(i, targetId).hdel(o, targetId).exec();
  const [tf, ti, to] = friendKeys(targetId);
  await redis.multi().hdel(tf, playerId).hdel(ti, playerId).hdel(to, playerId).exec();
}

export async function unblockPlayer(redis: RedisClient, playerId: string, targetId: string): Promise<void> {
  if ((await redis.hdel(friendKeys(playerId)[3], targetId)) === 0) throw new GlaceonError('NOT_FOUND', 'Not blocked.');
}

/** Those of `playerIds` who blocked `targetId` (a chat line's recipients: each reads only their own block list). */
export async function whoBlocked(redis: RedisClient, targetId: string, playerIds: readonly string[]): Promise<Set<string>> {
  const hits = await Promise.all(playerIds.map((p) => redis.hexists(friendKeys(p)[3], targetId)));
  return new Set(playerIds.filter((_, i) => hits[i] === 1));
}

/** The ids `playerId` blocked. */
export async function getBlockedIds(redis: RedisClient, playerId: string): Promise<Set<string>> {
  return new Set(await redis.hkeys(friendKeys(playerId)[3]));
}

/** Has any of `playerIds` blocked `targetId`? (A lobby's members, before the target joins by token.) */
export async function blockedByAny(redis: RedisClient, targetId: string, playerIds: readonly string[]): Promise<boolean> {
  return (await whoBlocked(redis, targetId, playerIds)).size > 0;
}
