/**
 * Subscribing to the queue events of some modes. The store owns the channel names: a
 * subscriber only ever sees modes, raw payloads and decoded events.
 */
import type { Cluster } from 'ioredis';
import type { QueueEvent, QueueModeId } from '@glaceon/protocol';
import { channels } from '../keys.js';
import { isCluster, type RedisClient } from '../redis.js';
import { parseQueueEvent } from './events.js';

export interface QueueEventHandlers {
  /** Every raw payload, before `mayConcern` (e.g. to wake the local leader on new tickets). */
  onRaw?: (mode: QueueModeId, raw: string) => void;
  /** Cheap look at the raw payload (see `queueEventMayConcern`): false skips the decode. */
  mayConcern?: (raw: string) => boolean;
  onEvent: (event: QueueEvent) => void;
  /** A payload that fails the schema (ignored). */
  onMalformed?: (raw: string) => void;
  /** The connection came back after a drop: events may have been lost, catch up from keys. */
  onReconnect?: () => void;
  /** Connection errors (ioredis reconnects by itself). */
  onConnectionError?: (error: unknown) => void;
}

export interface QueueEventSubscription {
  /** Subscribe to more modes too (a reloaded configuration opened them); known ones are skipped. */
  add(modes: readonly QueueModeId[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * SSUBSCRIBE to every mode's sharded event channel on a dedicated connection (a duplicate of
 * `redis`; on a cluster, with sharded subscribers). Events are hints (at-most-once): after the
 * connection comes back (`ready` after a drop, e.g. CLIENT KILL TYPE pubsub) `onReconnect` runs.
 */
export async function subscribeQueueEvents(redis: RedisClient, modes: readonly QueueModeId[], handlers: QueueEventHandlers): Promise<QueueEventSubscription> {
  const sub: RedisClient = isCluster(redis)
    ? (redis as Cluster).duplicate(undefined, { shardedSubscribers: true, enableAutoPipelining: false })
    : redis.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true, enableAutoPipelining: false });
  const modeOf = new Map<string, QueueModeId>(modes.map((m) => [channels.queueEvents(m), m]));
  let readyOnce = false;
  sub.on('error', (error: unknown) => handlers.onConnectionError?.(error));
  sub.on('ready', () => {
    if (!readyOnce) {
      readyOnce = true;
      return;
    }
    handlers.onReconnect?.();
  });
  sub.on('smessage', (channel: string, message: string) => {
    const mode = modeOf.get(channel);
    if (!mode) return;
    handlers.onRaw?.(mode, message);
    if (handlers.mayConcern && !handlers.mayConcern(message)) return;
    const event = parseQueueEvent(message);
    if (event) handlers.onEvent(event);
    else handlers.onMalformed?.(message);
  });
  if (!isCluster(sub) && sub.status !== 'ready') await new Promise<void>((resolve) => sub.once('ready', () => resolve()));
  readyOnce = true;
  // One SSUBSCRIBE per channel: every mode has its own hash tag, and on a cluster all
  // channels of one SSUBSCRIBE must hash to the same slot.
  const ssubscribe = (sub as unknown as { ssubscribe(channel: string): Promise<unknown> }).ssubscribe.bind(sub);
  for (const mode of modes) await ssubscribe(channels.queueEvents(mode));
  return {
    async add(more) {
      for (const mode of more) {
        const channel = channels.queueEvents(mode);
        if (modeOf.has(channel)) continue;
        modeOf.set(channel, mode);
        await ssubscribe(channel);
      }
    },
    async close() {
      sub.disconnect();
    },
  };
}
