/**
 * Closes the player sockets of ended sessions (#12 item 5), through the store's session
 * watch: revocations arrive on a stream that resumes after a dropped connection, and every
 * SESSION_RECHECK_MS the sessions of all open sockets are checked against Redis, the safety
 * net for what the stream does not carry (a session that expired by itself, an entry lost in
 * a failover).
 */
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { closeCodeOf } from '@glaceon/protocol';
import { watchSessionSockets, type RedisClient } from '@glaceon/store';

export interface RevocationWatch {
  /** Watch one authenticated socket until it closes. */
  track(ws: WebSocket, tokenHash: string): void;
  close(): Promise<void>;
}

export function createRevocationWatch(redis: RedisClient, log: Logger, recheckMs: number): RevocationWatch {
  const watch = watchSessionSockets<WebSocket>(redis, { close: (ws) => ws.close(closeCodeOf('UNAUTHENTICATED'), 'session ended'), recheckMs, log });
  return {
    track(ws, tokenHash) {
      watch.track(ws, tokenHash);
      ws.once('close', () => watch.untrack(ws, tokenHash));
    },
    async close() {
      watch.stop();
    },
  };
}
