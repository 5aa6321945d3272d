/**
 * What the matchmaker (leaders, in their thread) and the rest of a Coral say
 * to each other. Plain data only: these cross a worker_threads boundary.
 */
import type { QueueConfig, QueueModeId } from '@glaceon/protocol';

export interface LeaderTuning {
  tickMs: number;
  leaseTtlMs: number;
  sweepEveryMs: number;
  graceMs: number;
  acceptTimeoutMs?: number;
}

/** One tick, reduced to what /metrics needs. */
export interface TickSummary {
  leader: boolean;
  waiting: number;
  claimed: number;
  conflicts: number;
  staleRejected: number;
  /** Queue time of every claimed ticket (ms). */
  waits: number[];
  /** From each claimed match becoming possible to its claim (ms). */
  sincePossible: number[];
  /** Claimed matches' rating spread and team balance (rating points), and highest member latency (ms; regions only). */
  quality: { ratingSpread: number; teamBalance: number; highestLatencyMs?: number }[];
  timedOut: number;
  expiredTickets: number;
  repairedTickets: number;
  phases: { lease: number; list: number; match: number; claim: number; sweep: number };
}

/** Everything the thread needs to run the leaders (no ticket keys: the thread signs nothing). */
export interface ThreadInit {
  coralId: string;
  redisUrl: string;
  /** The queues to lead (plain data: a QueueCatalog does not cross the thread boundary). */
  queues: QueueConfig[];
  /** Queues of `queues` a reload removed: their leaders drain (see Leaders.apply). */
  draining?: QueueModeId[];
  tuning: LeaderTuning;
  logLevel: string;
}

/** `queues`: a reloaded configuration (new queues get a leader, changed rules apply, removed ones drain). */
export type ToThread = { type: 'wake'; mode: QueueModeId } | { type: 'queues'; open: QueueConfig[]; closed: QueueModeId[] } | { type: 'stop' };

export type FromThread = { type: 'tick'; mode: QueueModeId; summary: TickSummary } | { type: 'creationsDue'; mode: QueueModeId; prematchIds: string[] };
