/**
 * Realm's per-player pub/sub channel (`channels.realmPlayer`): whichever Realm
 * instance holds a player's event socket subscribes to it. At-most-once: a
 * missed message is caught up by the snapshot every (re)connect sends.
 */
import { createDecoder, RealmBusMessageSchema, type RealmBusMessage } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { channels } from '../keys.js';

export type { RealmBusMessage } from '@glaceon/protocol';
export const decodeRealmBusMessage = createDecoder(RealmBusMessageSchema);

export async function publishToPlayer(redis: RedisClient, playerId: string, message: RealmBusMessage): Promise<void> {
  await redis.publish(channels.realmPlayer(playerId), JSON.stringify(message));
}

export async function publishToPlayers(redis: RedisClient, playerIds: Iterable<string>, message: RealmBusMessage): Promise<void> {
  const text = JSON.stringify(message);
  await Promise.all([...new Set(playerIds)].map((p) => redis.publish(channels.realmPlayer(p), text)));
}

/** Start receiving one player's messages on `subscriber` (a client in subscriber mode, e.g. `redis.duplicate()`); they arrive as its `message` events. */
export async function subscribePlayerBus(subscriber: RedisClient, playerId: string): Promise<void> {
  await subscriber.subscribe(channels.realmPlayer(playerId));
}

export async function unsubscribePlayerBus(subscriber: RedisClient, playerId: string): Promise<void> {
  await subscriber.unsubscribe(channels.realmPlayer(playerId));
}

const PLAYER_BUS_PREFIX = channels.realmPlayer('');

/** The player a `message` event's channel belongs to, or null for any other channel. */
export function playerIdOfBusChannel(channel: string): string | null {
  return channel.startsWith(PLAYER_BUS_PREFIX) ? channel.slice(PLAYER_BUS_PREFIX.length) : null;
}
