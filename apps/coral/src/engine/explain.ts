/**
 * Why not matched yet: for each waiting ticket a pass could not place, a reason with
 * numbers (players within its rating window, the nearest rating gap, whether its party
 * can be fitted into full teams). Pure, no I/O; the leader stores the result for
 * `queue.status`. Cost: O(n log n) sorting plus, per unplaced ticket, two binary searches
 * and a first-fit over at most CANDIDATES nearby parties.
 */
import type { QueueWhy } from '@glaceon/protocol';
import type { WaitingTicket } from '@glaceon/store';
import type { MatchShape } from './matchmaker.js';
import { ratingWindow, type RatingWindowOptions } from './rating-window.js';

/** Nearby parties tried when checking whether the teams can be filled around a party. */
const CANDIDATES = 200;

export function explainUnmatched(
  waiting: readonly WaitingTicket[],
  placed: ReadonlySet<string>,
  shape: MatchShape,
  now: number,
  window: RatingWindowOptions,
): Map<string, QueueWhy> {
  const perMatch = shape.teams * shape.teamSize;
  const sorted = [...waiting].sort((a, b) => a.rating - b.rating);
  const ratings = sorted.map((t) => t.rating);
  // prefix[i] = players in sorted[0..i)
  const prefix = [0];
  for (const t of sorted) prefix.push((prefix[prefix.length - 1] as number) + t.size);
  const lowerBound = (x: number) => {
    let lo = 0;
    let hi = ratings.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ratings[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const upperBound = (x: number) => {
    let lo = 0;
    let hi = ratings.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ratings[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const out = new Map<string, QueueWhy>();
  sorted.forEach((t, i) => {
    if (placed.has(t.ticket)) return;
    const width = ratingWindow(now - t.queuedAt, window, t.uncertainty);
    const from = lowerBound(t.rating - width);
    const to = upperBound(t.rating + width);
    const inWindow = (prefix[to] as number) - (prefix[from] as number) - t.size;
    const before = sorted[i - 1];
    const after = sorted[i + 1];
    const gaps = [before ? t.rating - before.rating : Infinity, after ? after.rating - t.rating : Infinity];
    const nearest = Math.min(...gaps);
    const needed = perMatch - t.size;
    let reason: QueueWhy['reason'] = 'few_players';
    if (inWindow >= needed) reason = fitsTeams(t, sorted, from, to, i, shape) ? 'matching' : 'party_cannot_fit';
    out.set(t.lobbyId, {
      reason,
      playersInWindow: inWindow,
      playersNeeded: needed,
      nearestGap: Number.isFinite(nearest) ? Math.round(nearest) : null,
      window: Math.round(width),
      at: now,
    });
  });
  return out;
}

/** First fit decreasing of the nearest parties into the teams, this party placed first. */
function fitsTeams(t: WaitingTicket, sorted: readonly WaitingTicket[], from: number, to: number, self: number, shape: MatchShape): boolean {
  const free: number[] = Array.from({ length: shape.teams }, () => shape.teamSize);
  free[0] = shape.teamSize - t.size;
  // The nearest parties on both sides of this one, inside the window.
  const near: WaitingTicket[] = [];
  for (let d = 1; near.length < CANDIDATES && (self - d >= from || self + d < to); d++) {
    const lo = sorted[self - d];
    const hi = sorted[self + d];
    if (self - d >= from && lo) near.push(lo);
    if (self + d < to && hi) near.push(hi);
  }
  near.sort((a, b) => b.size - a.size);
  for (const p of near) {
    const slot = free.findIndex((f) => f >= p.size);
    if (slot >= 0) free[slot] = (free[slot] as number) - p.size;
    if (free.every((f) => f === 0)) return true;
  }
  return free.every((f) => f === 0);
}
