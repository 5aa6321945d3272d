import type { BenchPlayer } from './population.js';

/** Parent -> worker. */
export type ToWorker =
  /** localAddresses: loopback source addresses to spread sockets over (127.0.0.x; > 28,000 sockets need several). */
  | { type: 'init'; wsUrl: string; players: BenchPlayer[]; publicKeyPem: string; localAddresses?: string[] }
  /** Queue every lobby this worker hosts at `t0 + offset[lobbyId]` (ms since epoch). */
  | { type: 'go'; t0: number; offsets: Record<string, number> }
  | { type: 'finish' }
  | { type: 'close' };

export interface PlayerResult {
  playerId: string;
  lobbyId: string;
  handshakeMs: number;
  /** When the player's lobby host sent queue.start (ms since epoch); 0 if never. */
  queuedAt: number;
  /** When the host's queue.start was acknowledged (hosts only; 0 otherwise). */
  queueAckAt: number;
  /** Server-side queuedAt from the first queue.status (when the entry became matchable); 0 if never heard. */
  serverQueuedAt: number;
  matchFoundAt: number;
  gameReadyAt: number;
  gameIds: string[];
  prematchIds: string[];
  ticketOk: boolean;
  /** queue.start refused as busy (BUSY/UNAVAILABLE) this many times; the host retried with backoff and jitter like the launcher. */
  busyRefusals: number;
  /** The host gave up after its busy retries: the player was told, not matched. */
  toldBusy: boolean;
  /** queue.start was refused by Coral with a typed error other than busy (its code; '' if none): an answer, and an error. */
  queueRefusal: string;
  /** What the client last heard: queued, prematch, ingame, idle, none, unknown. */
  belief: string;
  connected: boolean;
}

/** Worker -> parent. */
export type FromWorker =
  | { type: 'connected'; count: number; failed: number }
  | { type: 'progress'; gameReady: number; matchFound: number; gameEnded: number }
  /** frames: server events received, by type (replies not counted). */
  /** eventLoopDelayMs: this client process's event-loop delay from "go" to "finish". */
  | {
      type: 'result';
      players: PlayerResult[];
      errors: string[];
      /** Every failed request that was not a busy refusal (timeouts, unanswered, unexpected codes). */
      errorCount: number;
      /** The same failures counted by kind (`CODE: message`, ids removed). */
      errorKinds: Record<string, number>;
      frames: Record<string, number>;
      eventLoopDelayMs: { p50: number; p99: number; max: number; gcMaxPauseMs: number; majorGcs: number };
    };
