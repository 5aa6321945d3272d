import type { Logger } from 'pino';
import type { Cluster } from 'ioredis';
import type { QueueModeId } from '@glaceon/protocol';
import { channels, isCluster, parseQueueEvent, type QueueEvent, type RedisClient } from '@glaceon/store';

export interface QueueEventSubscriber {
  close(): Promise<void>;
}

/**
 * SSUBSCRIBE to every mode's sharded event channel on a dedicated connection.
 * Events are hints (at-most-once): after the connection comes back (`ready`
 * after a drop, e.g. CLIENT KILL TYPE pubsub) `onReconnect` runs so the caller
 * reconciles its players from keys.
 */
export async function subscribeQueueEvents(deps: {
  redis: RedisClient;
  modes: readonly QueueModeId[];
  log: Logger;
  onEvent: (event: QueueEvent) => void;
  onReconnect: () => void;
  /** Cheap look at the raw payload: false skips parsing (no player of ours in it). */
  relevant?: (raw: string) => boolean;
  /** Every raw payload, before the relevance filter (the local leader wakes on new tickets). */
  onAny?: (channel: string, raw: string) => void;
}): Promise<QueueEventSubscriber> {
  const { redis, modes, log } = deps;
  const sub: RedisClient = isCluster(redis)
    ? (redis as Cluster).duplicate(undefined, { shardedSubscribers: true, enableAutoPipelining: false })
    : redis.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true, enableAutoPipelining: false });
  let readyOnce = false;
  sub.on('error', (error: unknown) => log.debug({ err: error }, 'pub/sub connection error'));
  sub.on('ready', () => {
    if (!readyOnce) {
      readyOnce = true;
      return;
    }
    log.info('pub/sub connection back: reconciling players from keys');
    deps.onReconnect();
  });
  sub.on('smessage', (channel: string, message: string) => {
    deps.onAny?.(channel, message);
    // Every Coral receives every event of its modes; with K Corals most are for
    // someone else's players, so they are dropped before the JSON is parsed.
    if (deps.relevant && !deps.relevant(message)) return;
    const event = parseQueueEvent(message);
    if (event) deps.onEvent(event);
    else log.warn('malformed queue event ignored');
  });
  if (!isCluster(sub) && sub.status !== 'ready') await new Promise<void>((resolve) => sub.once('ready', () => resolve()));
  readyOnce = true;
  // One SSUBSCRIBE per channel: every mode has its own hash tag, and on a cluster all
  // channels of one SSUBSCRIBE must hash to the same slot.
  const ssubscribe = (sub as unknown as { ssubscribe(channel: string): Promise<unknown> }).ssubscribe.bind(sub);
  for (const mode of modes) await ssubscribe(channels.queueEvents(mode));
  return {
    async close() {
      sub.disconnect();
    },
  };
}
