/**
 * Which waiting entries of one slot should move to another region's slot (queues-001
 * section 4): a pure policy the slot's leader runs on each pass, before matching, on the
 * entries it already read. Moving itself is the store's crash-safe `moveEntry`.
 *
 * An entry moves only
 *  - to a region whose worst member latency is within the entry's acceptable latency now
 *    (`min(capMs, maxMs + widenPerSecond * waited seconds)`), so moves follow the widening;
 *  - to a bigger pool: more players wait there than in its slot counting itself (the
 *    `searching` counts of each slot), or as many and the target's region id sorts after its
 *    own, so two leaders looking at each other's slots never swap their entries;
 *  - at most once per `hysteresisMs` (10 s) per entry (from the entry's last move, or from
 *    when it was queued), so entries do not bounce between two busy slots;
 *  - at most `maxMovesPerPass` per pass (oldest entries first: they waited longest).
 * An entry nobody in which reported a latency constrains nothing: every region is in reach,
 * so it follows the bigger pool like the others (it entered where most players searched then).
 * Counts are updated as the pass decides, so one pass does not pile every entry into a
 * region on the strength of numbers its own earlier moves changed.
 */

import { latencyLimitMs, slotIdOf } from '@glaceon/protocol';

export interface LatencyRules {
  maxMs: number;
  widenPerSecond: number;
  capMs: number;
}

export interface MoveCandidate {
  ticket: string;
  lobbyId: string;
  /** Party size: the players this entry takes with it. */
  size: number;
  /** ms since epoch, kept across requeues and moves. */
  queuedAt: number;
  /**
   * Region id -> the worst latency (ms) among the lobby's members; a region left out is out of
   * reach. Absent: nobody in the lobby reported (unconstrained), every region is in reach.
   */
  worstLatencyMs?: Readonly<Record<string, number>>;
  /** When the entry last moved (ms; the entry's `lastMoveAt` field, written by the store's move); absent: never. */
  lastMoveAt?: number;
}

export interface RegionMovesInput {
  queueId: string;
  /** The region of the slot this leader leads. */
  region: string;
  /** The slot's waiting entries (any order). */
  entries: readonly MoveCandidate[];
  latency: LatencyRules;
  /** Players searching in this slot (its `stats.searching`). */
  searchingHere: number;
  /** Players searching in each of the queue's other slots, by region id (their `stats.searching`). */
  searching: Readonly<Record<string, number>>;
  now: number;
  options?: RegionMovesOptions;
}

export interface RegionMovesOptions {
  /** An entry moves at most once in this long. Default 10 s. */
  hysteresisMs?: number;
  /** At most this many moves per pass. Default 32. */
  maxMovesPerPass?: number;
}

export interface RegionMove {
  ticket: string;
  lobbyId: string;
  /** Source and target slot ids (`<queueId>@<regionId>`): moveEntry's `from` and `to`. */
  from: string;
  to: string;
  region: string;
  /**
   * The numbers behind the choice: players waiting there and here (besides the entry), its
   * latency there (null: unconstrained, nobody reported) and its limit now.
   */
  waitingThere: number;
  waitingHere: number;
  latencyMs: number | null;
  limitMs: number;
}

export const DEFAULT_MOVE_HYSTERESIS_MS = 10_000;
export const DEFAULT_MAX_MOVES_PER_PASS = 32;

export function chooseRegionMoves(input: RegionMovesInput): RegionMove[] {
  const hysteresisMs = input.options?.hysteresisMs ?? DEFAULT_MOVE_HYSTERESIS_MS;
  const max = Math.max(0, input.options?.maxMovesPerPass ?? DEFAULT_MAX_MOVES_PER_PASS);
  const counts = new Map<string, number>(Object.entries(input.searching).filter(([r]) => r !== input.region));
  let here = input.searchingHere;
  const moves: RegionMove[] = [];
  const oldestFirst = [...input.entries].sort((a, b) => a.queuedAt - b.queuedAt || (a.ticket < b.ticket ? -1 : 1));
  for (const entry of oldestFirst) {
    if (moves.length >= max) break;
    if (input.now - (entry.lastMoveAt ?? entry.queuedAt) < hysteresisMs) continue;
    const limitMs = latencyLimitMs(input.latency, input.now - entry.queuedAt);
    const waitingHere = Math.max(0, here - entry.size);
    const reported = entry.worstLatencyMs;
    let best: { region: string; waiting: number; latencyMs: number } | null = null;
    for (const [region, waiting] of counts) {
      // Unconstrained: in reach everywhere, and no latency to prefer one region by.
      const latencyMs = reported === undefined ? 0 : reported[region];
      if (latencyMs === undefined || !Number.isFinite(latencyMs) || latencyMs > limitMs) continue;
      // Towards the bigger pool only: more players there than here counting this entry, or as
      // many and the region id sorts after this one. Two leaders judging the same counts from
      // both sides then never swap their entries (each would see "one player there" and move).
      if (waiting < here || (waiting === here && region <= input.region)) continue;
      if (!best || waiting > best.waiting || (waiting === best.waiting && latencyMs < best.latencyMs)) best = { region, waiting, latencyMs };
    }
    if (!best) continue;
    moves.push({
      ticket: entry.ticket,
      lobbyId: entry.lobbyId,
      from: slotIdOf(input.queueId, input.region),
      to: slotIdOf(input.queueId, best.region),
      region: best.region,
      waitingThere: best.waiting,
      waitingHere,
      latencyMs: reported === undefined ? null : best.latencyMs,
      limitMs,
    });
    here -= entry.size;
    counts.set(best.region, best.waiting + entry.size);
  }
  return moves;
}
