/**
 * Which open sockets belong to which session, closing them when the session ends: Coral's
 * player sockets and Realm's event sockets. Ended sessions arrive on the revocation stream
 * (revocation.ts); every `recheckMs`, and after a gap in the stream, every tracked session is
 * checked against Redis: the safety net for sessions that end without an entry (expiry).
 */
import type { RedisClient } from '../redis.js';
import { followSessionRevocations } from './revocation.js';
import { liveSessionHashes } from './index.js';

export interface SessionSocketWatch<S> {
  track(socket: S, tokenHash: string): void;
  untrack(socket: S, tokenHash: string): void;
  stop(): void;
}

export interface SessionSocketWatchOptions<S> {
  /** Close one socket whose session ended. */
  close(socket: S): void;
  /** How often every tracked session is checked against Redis (> 0). */
  recheckMs: number;
  log: { warn(details: object, message: string): void };
}

export function watchSessionSockets<S>(redis: RedisClient, options: SessionSocketWatchOptions<S>): SessionSocketWatch<S> {
  if (!(options.recheckMs > 0)) throw new RangeError(`the session re-check interval must be positive, got ${options.recheckMs}`);
  const bySession = new Map<string, Set<S>>();
  let stopped = false;

  const end = (tokenHashes: Iterable<string>) => {
    for (const hash of tokenHashes) for (const socket of bySession.get(hash) ?? []) options.close(socket);
  };
  const recheckAll = () => {
    const hashes = [...bySession.keys()];
    if (hashes.length === 0) return;
    liveSessionHashes(redis, hashes).then(
      (live) => end(hashes.filter((h) => !live.has(h))),
      (error: unknown) => options.log.warn({ err: error }, 'session re-check failed'),
    );
  };

  const follower = followSessionRevocations(redis, {
    onRevoked: end,
    onGap: () => {
      options.log.warn({}, 'session revocations may have been trimmed while this instance was away: re-checking every open socket');
      recheckAll();
    },
    onError: (error) => {
      if (!stopped) options.log.warn({ err: error }, 'session revocation reader error (it retries; the periodic re-check still runs)');
    },
  });
  const timer = setInterval(recheckAll, options.recheckMs);
  timer.unref();

  return {
    track(socket, tokenHash) {
      let set = bySession.get(tokenHash);
      if (!set) bySession.set(tokenHash, (set = new Set()));
      set.add(socket);
    },
    untrack(socket, tokenHash) {
      const set = bySession.get(tokenHash);
      if (set?.delete(socket) && set.size === 0) bySession.delete(tokenHash);
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      follower.stop();
    },
  };
}
