/**
 * A slot's recent waits by party size: what its leader's per-size estimate
 * (`why.estimatedWaitMs`) is the median of. The leader keeps them in memory and writes them
 * here at most once a second while it has lobbies to explain; a new leader (after a failover
 * or a hand-over) reads them when it takes the lease, so a party's estimate survives a
 * leader change. A hint, not state: bounded, expiring, and a malformed field is left out.
 */
import type { RedisClient } from '../redis.js';
import { queueKeys } from './keys.js';

/** Waits kept per party size, party sizes kept, and the longest wait kept (a day). */
export const MAX_WAITS_PER_SIZE = 100;
export const MAX_SIZES = 64;
const MAX_WAIT_MS = 86_400_000;
/** Unwritten this long (no leader, or nobody waiting), the waits are forgotten: an old estimate misleads. */
export const SIZE_WAITS_TTL_MS = 60 * 60 * 1000;

/** Replace the slot's recent waits by party size (newest last; at most the bounds above). */
export async function saveSizeWaits(redis: RedisClient, mode: string, waitsBySize: ReadonlyMap<number, readonly number[]>): Promise<void> {
  const flat: string[] = [];
  for (const [size, waits] of waitsBySize) {
    if (flat.length >= MAX_SIZES * 2) break;
    if (!validSize(size) || waits.length === 0) continue;
    flat.push(
      String(size),
      waits
        .slice(-MAX_WAITS_PER_SIZE)
        .map((w) => Math.round(Math.min(MAX_WAIT_MS, Math.max(0, w))))
        .join(','),
    );
  }
  const key = queueKeys.sizeWaits(mode);
  const tx = redis.multi().del(key);
  if (flat.length > 0) tx.hset(key, ...flat).pexpire(key, SIZE_WAITS_TTL_MS);
  await tx.exec();
}

/** The slot's recent waits by party size (newest last); a field that is not a list of waits is left out. */
export async function loadSizeWaits(redis: RedisClient, mode: string): Promise<Map<number, number[]>> {
  const raw = await redis.hgetall(queueKeys.sizeWaits(mode));
  const out = new Map<number, number[]>();
  for (const [field, text] of Object.entries(raw)) {
    if (out.size >= MAX_SIZES) break;
    const size = Number(field);
    if (!validSize(size) || String(size) !== field) continue;
    const parts = text.split(',');
    if (parts.length === 0 || parts.length > MAX_WAITS_PER_SIZE) continue;
    const waits = parts.map((p) => (/^\d{1,8}$/.test(p) ? Number(p) : Number.NaN));
    if (waits.some((w) => !(w <= MAX_WAIT_MS))) continue;
    out.set(size, waits);
  }
  return out;
}

function validSize(size: number): boolean {
  return Number.isInteger(size) && size >= 1 && size <= 1000;
}
