/**
 * Session revocations on pub/sub (`channels.sessionRevoked`): Realm publishes
 * the hashes of sessions it ended; every Coral subscribes and closes their
 * sockets. At-most-once like all pub/sub here: Coral also re-checks its open
 * sockets' sessions on a timer (`liveSessionHashes`), so a lost message costs
 * at most one interval.
 */
import type { RedisClient } from '../redis.js';
import { channels } from '../keys.js';

const HASH = /^[0-9a-f]{64}$/;

export async function publishSessionsRevoked(redis: RedisClient, tokenHashes: readonly string[]): Promise<void> {
  if (tokenHashes.length === 0) return;
  await redis.publish(channels.sessionRevoked, tokenHashes.join(','));
}

/**
 * Subscribe `subscriber` (a client in subscriber mode, e.g. `redis.duplicate()`)
 * to revocations; `onRevoked` gets the revoked hashes. Returns a function that
 * unsubscribes.
 */
export async function subscribeSessionRevocations(subscriber: RedisClient, onRevoked: (tokenHashes: string[]) => void): Promise<() => Promise<void>> {
  const listener = (channel: string, text: string) => {
    if (channel !== channels.sessionRevoked) return;
    const hashes = text.split(',').filter((h) => HASH.test(h));
    if (hashes.length > 0) onRevoked(hashes);
  };
  subscriber.on('message', listener);
  await subscriber.subscribe(channels.sessionRevoked);
  return async () => {
    subscriber.off('message', listener);
    await subscriber.unsubscribe(channels.sessionRevoked).catch(() => undefined);
  };
}
