/**
 * Realm's per-player pub/sub channel (`channels.realmPlayer`): whichever Realm
 * instance holds a player's event socket subscribes to it. At-most-once: a
 * missed message is caught up by the snapshot every (re)connect sends.
 *
 * Sharded pub/sub (SPUBLISH / SSUBSCRIBE, Redis >= 7): the channel carries the
 * player's hash tag, so on a Redis Cluster a message travels only to the shard
 * that owns the player's slot instead of being broadcast to every node (classic
 * PUBLISH fans out cluster-wide and stops scaling with the node count). On one
 * node the commands behave like PUBLISH / SUBSCRIBE. Messages arrive as the
 * subscriber's `smessage` events.
 */
import type { Cluster } from 'ioredis';
import { createDecoder, RealmBusMessageSchema, type RealmBusMessage } from '@glaceon/protocol';
import { isCluster, type RedisClient } from '../redis.js';
import { channels } from '../keys.js';

export type { RealmBusMessage } from '@glaceon/protocol';
export const decodeRealmBusMessage = createDecoder(RealmBusMessageSchema);

export async function publishToPlayer(redis: RedisClient, playerId: string, message: RealmBusMessage): Promise<void> {
  await redis.spublish(channels.realmPlayer(playerId), JSON.stringify(message));
}

export async function publishToPlayers(redis: RedisClient, playerIds: Iterable<string>, message: RealmBusMessage): Promise<void> {
  const text = JSON.stringify(message);
  await Promise.all([...new Set(playerIds)].map((p) => redis.spublish(channels.realmPlayer(p), text)));
}

/**
 * A dedicated connection for the player bus: on a cluster a duplicate with sharded
 * subscribers (one connection per shard, moved along on failover and resharding);
 * on one node a duplicate that queues commands while reconnecting. ioredis re-issues
 * SSUBSCRIBE after a reconnect; messages sent meanwhile are lost (see `ready`).
 */
export function createPlayerBusSubscriber(redis: RedisClient): RedisClient {
  return isCluster(redis)
    ? (redis as Cluster).duplicate(undefined, { shardedSubscribers: true, enableAutoPipelining: false })
    : redis.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true, enableAutoPipelining: false });
}

/** Start receiving one player's messages on `subscriber` (from `createPlayerBusSubscriber`); they arrive as its `smessage` events. */
export async function subscribePlayerBus(subscriber: RedisClient, playerId: string): Promise<void> {
  // One channel per SSUBSCRIBE: on a cluster all channels of one call must share a slot.
  await subscriber.ssubscribe(channels.realmPlayer(playerId));
}

export async function unsubscribePlayerBus(subscriber: RedisClient, playerId: string): Promise<void> {
  await subscriber.sunsubscribe(channels.realmPlayer(playerId));
}

const PLAYER_BUS_PREFIX = 'realm:player:{';

/** The player an `smessage` event's channel belongs to, or null for any other channel. */
export function playerIdOfBusChannel(channel: string): string | null {
  return channel.startsWith(PLAYER_BUS_PREFIX) && channel.endsWith('}') ? channel.slice(PLAYER_BUS_PREFIX.length, -1) : null;
}
