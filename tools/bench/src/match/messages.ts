import type { BenchPlayer } from './population.js';

/** Parent -> worker. */
export type ToWorker =
  | { type: 'init'; wsUrl: string; players: BenchPlayer[]; publicKeyPem: string }
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
  /** What the client last heard: queued, prematch, ingame, idle, none, unknown. */
  belief: string;
  connected: boolean;
}

/** Worker -> parent. */
export type FromWorker =
  | { type: 'connected'; count: number; failed: number }
  | { type: 'progress'; gameReady: number; matchFound: number }
  /** frames: server events received, by type (replies not counted). */
  /** eventLoopDelayMs: this client process's event-loop delay from "go" to "finish". */
  | {
      type: 'result';
      players: PlayerResult[];
      errors: string[];
      frames: Record<string, number>;
      eventLoopDelayMs: { p50: number; p99: number; max: number; gcMaxPauseMs: number; majorGcs: number };
    };
