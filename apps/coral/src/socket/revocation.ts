/**
 * Closes the player sockets of revoked sessions (#12 item 5). Realm publishes
 * the hashes of every session it ends (sign-out, sign-out everywhere, the
 * per-account cap, the absolute lifetime) through the store; this Coral closes
 * its sockets of those sessions at once. Pub/sub is at-most-once, so every
 * SESSION_RECHECK_MS the sessions of all open sockets are also checked against
 * Redis (the truth): a lost message costs at most one interval.
 */
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { closeCodeOf } from '@glaceon/protocol';
import { liveSessionHashes, subscribeSessionRevocations, type RedisClient } from '@glaceon/store';

export interface RevocationWatch {
  /** Watch one authenticated socket until it closes. */
  track(ws: WebSocket, tokenHash: string): void;
  close(): Promise<void>;
}

/** How often open sockets' sessions are re-checked (read here to keep Coral's config untouched by this small feature). */
const RECHECK_MS = Number(process.env.SESSION_RECHECK_MS || 10_000);

export function createRevocationWatch(redis: RedisClient, log: Logger, recheckMs = RECHECK_MS): RevocationWatch {
  const byHash = new Map<string, Set<WebSocket>>();
  const subscriber = redis.duplicate();
  let closed = false;
  subscriber.on('error', (error: Error) => {
    if (!closed) log.warn({ err: error }, 'session revocation subscriber error');
  });

  const end = (tokenHashes: Iterable<string>) => {
    for (const hash of tokenHashes) {
      for (const ws of byHash.get(hash) ?? []) ws.close(closeCodeOf('UNAUTHENTICATED'), 'session ended');
    }
  };
  const unsubscribe = subscribeSessionRevocations(subscriber, end).catch((error: unknown) => {
    log.error({ err: error }, 'could not subscribe to session revocations (the periodic re-check still runs)');
    return async () => undefined;
  });

  const recheck = setInterval(() => {
    const hashes = [...byHash.keys()];
    if (hashes.length === 0) return;
    liveSessionHashes(redis, hashes).then(
      (live) => end(hashes.filter((h) => !live.has(h))),
      (error: unknown) => log.warn({ err: error }, 'session re-check failed'),
    );
  }, recheckMs);
  recheck.unref();

  return {
    track(ws, tokenHash) {
      let set = byHash.get(tokenHash);
      if (!set) byHash.set(tokenHash, (set = new Set()));
      set.add(ws);
      ws.once('close', () => {
        set.delete(ws);
        if (set.size === 0 && byHash.get(tokenHash) === set) byHash.delete(tokenHash);
      });
    },
    async close() {
      closed = true;
      clearInterval(recheck);
      await (
        await unsubscribe
      )();
      subscriber.disconnect();
    },
  };
}
