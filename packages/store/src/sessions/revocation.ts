/**
 * Session revocations on a capped stream (`keys.sessionRevocations`): every store path that
 * ends sessions appends their hashes; every Coral follows the stream and closes their
 * sockets. A stream rather than pub/sub: a reader whose connection dropped resumes after
 * the last entry it read, so nothing published meanwhile is lost, and Coral's re-check of
 * every open socket (`liveSessionHashes`) is only a safety net that runs rarely (realm-003).
 * The stream keeps about the last `REVOCATION_LOG_MAX` entries; a reader that was away
 * while older ones were trimmed is told (`onGap`) and re-checks everything.
 */
import type { Cluster, Redis } from 'ioredis';
import { keys } from '../keys.js';
import { isCluster, type RedisClient } from '../redis.js';

const HASH = /^[0-9a-f]{64}$/;

/** Entries kept (approximately: Redis trims whole nodes). Revocations are rare; this is hours to days of them. */
export const REVOCATION_LOG_MAX = 10_000;

export async function publishSessionsRevoked(redis: RedisClient, tokenHashes: readonly string[]): Promise<void> {
  if (tokenHashes.length === 0) return;
  await redis.xadd(keys.sessionRevocations(), 'MAXLEN', '~', String(REVOCATION_LOG_MAX), '*', 'h', tokenHashes.join(','));
}

export interface RevocationHandlers {
  /** Hashes of sessions that ended, in the order they were revoked. */
  onRevoked(tokenHashes: string[]): void;
  /** Entries after the last one read may be gone (trimmed, or the stream was lost): check every session held. */
  onGap(): void;
  /** A failed read (the reader retries by itself). */
  onError?(error: unknown): void;
}

export interface RevocationFollower {
  /** Resolves once the starting point is known: revocations from then on are delivered. */
  readonly ready: Promise<void>;
  stop(): void;
}

/** How long one blocking read waits before it is issued again (lets `stop` and errors surface). */
const BLOCK_MS = 5000;
const READ_COUNT = 500;

/**
 * Follow the revocation stream from its current end, on a dedicated connection (a blocking
 * read must not hold the caller's). After the connection comes back, the interrupted read is
 * sent again with the same starting entry, and the stream's trim point is compared with it.
 */
export function followSessionRevocations(redis: RedisClient, handlers: RevocationHandlers, options: { blockMs?: number } = {}): RevocationFollower {
  const key = keys.sessionRevocations();
  const reader: RedisClient = isCluster(redis)
    ? (redis as Cluster).duplicate(undefined, { enableAutoPipelining: false })
    : (redis as Redis).duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true, enableAutoPipelining: false, connectionName: 'glaceon:revocations' });
  let stopped = false;
  let cursor = '0-0';
  let connectedOnce = false;
  reader.on('error', (error: unknown) => handlers.onError?.(error));
  reader.on('ready', () => {
    if (!connectedOnce) {
      connectedOnce = true;
      return;
    }
    // Back after a drop: nothing is lost unless entries after `from` were trimmed meanwhile.
    const from = cursor;
    void trimmedPast(redis, key, from).then(
      (gap) => gap && !stopped && handlers.onGap(),
      (error: unknown) => handlers.onError?.(error),
    );
  });

  const ready = (async () => {
    const last = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
    cursor = last[0]?.[0] ?? '0-0';
  })();

  void (async () => {
    await ready.catch((error: unknown) => handlers.onError?.(error));
    // After a failed read (on a cluster a failover surfaces as an error, not as a reconnect).
    let checkGap = false;
    while (!stopped) {
      try {
        if (checkGap) {
          checkGap = false;
          if ((await trimmedPast(redis, key, cursor)) && !stopped) handlers.onGap();
        }
        const reply = (await reader.xread('COUNT', READ_COUNT, 'BLOCK', options.blockMs ?? BLOCK_MS, 'STREAMS', key, cursor)) as
          [string, [string, string[]][]][] | null;
        for (const [, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            cursor = id;
            const hashes = (fieldOf(fields, 'h') ?? '').split(',').filter((h) => HASH.test(h));
            if (hashes.length > 0 && !stopped) handlers.onRevoked(hashes);
          }
        }
      } catch (error) {
        if (stopped) return;
        handlers.onError?.(error);
        checkGap = true;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  })();

  return {
    ready,
    stop() {
      stopped = true;
      reader.disconnect();
    },
  };
}

function fieldOf(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

/**
 * Whether entries after `from` may have been removed while the reader was away. Trimming
 * removes the oldest entries first, so while `from` (the last entry read) is still there,
 * everything after it is too. Redis 7.0's `max-deleted-entry-id` counts XDEL only, not
 * trimming, so it cannot tell.
 */
async function trimmedPast(redis: RedisClient, key: string, from: string): Promise<boolean> {
  if (from !== '0-0') return (await redis.xrange(key, from, from, 'COUNT', 1)).length === 0;
  // Nothing read yet: a loss only if some entry was ever removed.
  try {
    const info = (await redis.xinfo('STREAM', key)) as unknown[];
    const field = (name: string) => Number(info[info.indexOf(name) + 1] ?? 0);
    return field('entries-added') > field('length');
  } catch (error) {
    if (error instanceof Error && /no such key/i.test(error.message)) return false;
    throw error;
  }
}

/** Stream ids ("<ms>-<seq>") in order. */
export function compareIds(a: string, b: string): number {
  const [am = '0', as = '0'] = a.split('-');
  const [bm = '0', bs = '0'] = b.split('-');
  const byMs = BigInt(am) - BigInt(bm);
  if (byMs !== 0n) return byMs > 0n ? 1 : -1;
  const bySeq = BigInt(as) - BigInt(bs);
  return bySeq === 0n ? 0 : bySeq > 0n ? 1 : -1;
}
