/**
 * Closes the player sockets of ended sessions (#12 item 5). Every store path that ends
 * sessions (sign-out, sign-out everywhere, the per-account cap, the absolute lifetime)
 * appends their hashes to a stream; this Coral follows it and closes its sockets of those
 * sessions at once. The stream resumes after a dropped connection, so a revocation is not
 * lost the way a pub/sub message was. Every SESSION_RECHECK_MS the sessions of all open
 * sockets are still checked against Redis: the safety net for what the stream does not
 * carry (a session that expired by itself, an entry lost in a failover).
 */
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { closeCodeOf } from '@glaceon/protocol';
import { followSessionRevocations, liveSessionHashes, type RedisClient } from '@glaceon/store';

export interface RevocationWatch {
  /** Watch one authenticated socket until it closes. */
  track(ws: WebSocket, tokenHash: string): void;
  close(): Promise<void>;
}

/**
 * `recheckMs` (SESSION_RECHECK_MS, default a minute): revocations arrive through the stream;
 * the re-check only bounds how long a session that ended without an entry keeps its sockets.
 */
export function createRevocationWatch(redis: RedisClient, log: Logger, recheckMs: number): RevocationWatch {
  const byHash = new Map<string, Set<WebSocket>>();
  let closed = false;

  const end = (tokenHashes: Iterable<string>) => {
    for (const hash of tokenHashes) {
      for (const ws of byHash.get(hash) ?? []) ws.close(closeCodeOf('UNAUTHENTICATED'), 'session ended');
    }
  };
  const recheckAll = () => {
    const hashes = [...byHash.keys()];
    if (hashes.length === 0) return;
    liveSessionHashes(redis, hashes).then(
      (live) => end(hashes.filter((h) => !live.has(h))),
      (error: unknown) => log.warn({ err: error }, 'session re-check failed'),
    );
  };

  const follower = followSessionRevocations(redis, {
    onRevoked: end,
    onGap: () => {
      log.warn('session revocations may have been trimmed while this Coral was away: re-checking every open socket');
      recheckAll();
    },
    onError: (error) => {
      if (!closed) log.warn({ err: error }, 'session revocation reader error (it retries; the periodic re-check still runs)');
    },
  });

  const recheck = setInterval(recheckAll, recheckMs);
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
      follower.stop();
      await follower.ready.catch(() => undefined);
    },
  };
}
