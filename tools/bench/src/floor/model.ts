import type { FloorOp } from './messages.js';

/**
 * The fewest unit operations a player's flow can cost in any design of the product, per player
 * (2v2, solo players). Each is a lower bound, not what Glaceon does today:
 * - frames: queue.status, match.found, game.ready and game.ended (no lobby copies, no progress);
 * - requests: queue.start and match.accept, each answered with an ack;
 * - scripts: one for the entry, one for the accept, one for the end of the player's game
 *   (rating and history), and the game's own four steps (claim, allocate, ready, end) shared
 *   by its four players: 4 in all;
 * - reads: one (the rating at entry);
 * - events: one decoded per player (the match's players sit on different Corals, so each game
 *   has to reach them; three events a game, each read by the Corals of its players, is more);
 * - signatures: one join ticket.
 * The game servers' own cost is not in it: they are measured by the ladder (cpuMsByProcess).
 */
export const FLOOR_PER_PLAYER: Readonly<Record<Exclude<FloorOp, 'idle'>, number>> = {
  frame: 4,
  request: 2,
  script: 4,
  hget: 1,
  event: 1,
  sign: 1,
};

export interface UnitCost {
  op: Exclude<FloorOp, 'idle'>;
  /** Operations done in the measured window. */
  count: number;
  /** CPU of the pinned processes in the window, ms, by process. */
  cpuMsByProcess: Record<string, number>;
  /** Microseconds of pinned CPU per operation, the idle baseline taken out. */
  usPerOp: number;
}

/** Microseconds per operation: the window's CPU less what the same window costs idle. */
export function usPerOp(cpuMs: number, idleCpuMsPerSec: number, seconds: number, count: number): number {
  if (count <= 0) return Number.NaN;
  return (Math.max(0, cpuMs - idleCpuMsPerSec * seconds) * 1000) / count;
}

/** The floor, ms of pinned CPU per player: each unit cost times its count per player. */
export function floorMsPerPlayer(costs: ReadonlyMap<Exclude<FloorOp, 'idle'>, number>): { ms: number; byOp: Record<string, number> } {
  const byOp: Record<string, number> = {};
  let us = 0;
  for (const [op, perPlayer] of Object.entries(FLOOR_PER_PLAYER) as [Exclude<FloorOp, 'idle'>, number][]) {
    const cost = costs.get(op);
    if (cost === undefined || !Number.isFinite(cost)) throw new Error(`floor: no measured cost for ${op}`);
    byOp[op] = Math.round((perPlayer * cost) / 10) / 100;
    us += perPlayer * cost;
  }
  return { ms: Math.round(us / 10) / 100, byOp };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
