import type { Logger } from 'pino';
import type { QueueModeId } from '@glaceon/protocol';
import { subscribeQueueEvents as subscribe, type QueueEvent, type QueueEventSubscription, type RedisClient } from '@glaceon/store';

export type QueueEventSubscriber = QueueEventSubscription;

/**
 * This Coral's subscription to every mode's queue events (the store owns the channels and
 * the dedicated connection), with its logging. Events are hints (at-most-once): after the
 * connection comes back `onReconnect` runs so the caller reconciles its players from keys.
 */
export async function subscribeQueueEvents(deps: {
  redis: RedisClient;
  modes: readonly QueueModeId[];
  log: Logger;
  onEvent: (event: QueueEvent) => void;
  onReconnect: () => void;
  /** Cheap look at the raw payload: false skips parsing (no player of ours in it). */
  relevant?: (raw: string) => boolean;
  /** Every raw payload with its mode, before the relevance filter (the local leader wakes on new tickets). */
  onAny?: (mode: QueueModeId, raw: string) => void;
}): Promise<QueueEventSubscriber> {
  const { log } = deps;
  return subscribe(deps.redis, deps.modes, {
    // Every Coral receives every event of its modes; with K Corals most are for
    // someone else's players, so they are dropped before the JSON is parsed.
    ...(deps.relevant ? { mayConcern: deps.relevant } : {}),
    ...(deps.onAny ? { onRaw: deps.onAny } : {}),
    onEvent: deps.onEvent,
    onMalformed: () => log.warn('malformed queue event ignored'),
    onReconnect: () => {
      log.info('pub/sub connection back: reconciling players from keys');
      deps.onReconnect();
    },
    onConnectionError: (error) => log.debug({ err: error }, 'pub/sub connection error'),
  });
}
