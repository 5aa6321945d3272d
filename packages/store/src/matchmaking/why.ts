/**
 * "Why not matched yet": the leader's last pass leaves, per waiting lobby it could not
 * place, a reason with numbers in `{q:<mode>}:why` (lobby id -> JSON); any Coral reads it
 * for the `queue.status` of the players it holds. A hint, not state: rewritten whole by
 * each writing pass and expiring, so a lobby that left the queue never keeps a stale one
 * for long, and nothing else reads it.
 */
import { createDecoder, QueueWhySchema, type QueueWhy } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { queueKeys } from './keys.js';

/** At most this many reasons are kept per queue (the oldest-waiting lobbies first is the caller's order). */
export const MAX_WHY_ENTRIES = 10_000;
const decodeWhy = createDecoder(QueueWhySchema);

/** Replace the queue's reasons with these (at most MAX_WHY_ENTRIES), expiring after ttlMs. */
export async function recordWhy(redis: RedisClient, mode: string, reasons: ReadonlyMap<string, QueueWhy>, ttlMs: number): Promise<void> {
  const key = queueKeys.why(mode);
  const flat: string[] = [];
  for (const [lobbyId, why] of reasons) {
    if (flat.length >= MAX_WHY_ENTRIES * 2) break;
    flat.push(lobbyId, JSON.stringify(why));
  }
  const tx = redis.multi().del(key);
  if (flat.length > 0) tx.hset(key, ...flat).pexpire(key, ttlMs);
  await tx.exec();
}

/** The reasons recorded for these lobbies (validated; a missing or malformed one is absent). */
export async function readWhy(redis: RedisClient, mode: string, lobbyIds: readonly string[]): Promise<Map<string, QueueWhy>> {
  const out = new Map<string, QueueWhy>();
  if (lobbyIds.length === 0) return out;
  const raw = await redis.hmget(queueKeys.why(mode), ...lobbyIds);
  raw.forEach((text, i) => {
    if (!text) return;
    try {
      const decoded = decodeWhy.decode(JSON.parse(text));
      if (decoded.ok) out.set(lobbyIds[i] as string, decoded.value);
    } catch {
      // malformed: absent
    }
  });
  return out;
}
