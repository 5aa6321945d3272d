/**
 * The matchmaking algorithm: pure, no I/O. Given the waiting tickets it
 * proposes matches; the leader claims them atomically in Redis.
 *
 * - Oldest first: each still-unmatched ticket, oldest first, anchors a match;
 *   younger tickets are only used after every older anchor had its turn.
 * - Rating: every party of a match is within the anchor's window, which widens
 *   with the anchor's waiting time (no starvation) and its uncertainty (sigma).
 * - Parties of different sizes are packed into full teams (first fit, then
 *   first fit decreasing), then balanced by swapping equal-size parties.
 * - Cost: O(n log n) sorting plus O(K) per anchor (K = candidate cap), using a
 *   linked list over the rating order from which matched tickets are unlinked.
 */
import type { MatchProposal, WaitingTicket } from '@glaceon/store';
import { DEFAULT_RATING_WINDOW, ratingWindow, type RatingWindowOptions } from './rating-window.js';

export interface MatchShape {
  teams: number;
  teamSize: number;
}

export interface MatchmakerOptions {
  window?: RatingWindowOptions;
  /** Candidate tickets gathered around an anchor, as a multiple of players per match. Default 3. */
  candidateFactor?: number;
}

interface Node {
  t: WaitingTicket;
  /** Position in rating order. */
  pos: number;
  used: boolean;
}

export function findMatches(waiting: readonly WaitingTicket[], shape: MatchShape, now: number, options: MatchmakerOptions = {}): MatchProposal[] {
  const perMatch = shape.teams * shape.teamSize;
  const windowOptions = options.window ?? DEFAULT_RATING_WINDOW;
  const cap = Math.max(perMatch, Math.ceil(perMatch * (options.candidateFactor ?? 3)));
  const nodes: Node[] = waiting.filter((t) => t.size >= 1 && t.size <= shape.teamSize).map((t) => ({ t, pos: 0, used: false }));
  if (nodes.reduce((a, n) => a + n.t.size, 0) < perMatch) return [];

  const byAge = [...nodes].sort((a, b) => a.t.queuedAt - b.t.queuedAt || (a.t.ticket < b.t.ticket ? -1 : 1));
  const byRating = [...nodes].sort((a, b) => a.t.rating - b.t.rating || a.t.queuedAt - b.t.queuedAt);
  byRating.forEach((n, i) => (n.pos = i));
  // Doubly linked list over rating order; matched nodes are unlinked.
  const prev = new Int32Array(byRating.length).map((_, i) => i - 1);
  const next = new Int32Array(byRating.length).map((_, i) => (i + 1 < byRating.length ? i + 1 : -1));
  const unlink = (i: number) => {
    const p = prev[i] as number;
    const n = next[i] as number;
    if (p >= 0) next[p] = n;
    if (n >= 0) prev[n] = p;
  };

  const proposals: MatchProposal[] = [];
  for (const anchor of byAge) {
    if (anchor.used) continue;
    const width = ratingWindow(now - anchor.t.queuedAt, windowOptions, anchor.t.uncertainty);
    const r0 = anchor.t.rating;
    // Walk outwards from the anchor in rating order, nearest first, inside the window.
    const candidates: Node[] = [];
    let left = prev[anchor.pos] as number;
    let right = next[anchor.pos] as number;
    while (candidates.length < cap) {
      const l = left >= 0 ? (byRating[left] as Node) : undefined;
      const r = right >= 0 ? (byRating[right] as Node) : undefined;
      const dl = l ? r0 - l.t.rating : Infinity;
      const dr = r ? r.t.rating - r0 : Infinity;
      if (Math.min(dl, dr) > width) break;
      if (dl <= dr) {
        candidates.push(l as Node);
        left = prev[left] as number;
      } else {
        candidates.push(r as Node);
        right = next[right] as number;
      }
    }
    const teams = pack(anchor, candidates, shape);
    if (!teams) continue;
    for (const team of teams)
      for (const n of team) {
        n.used = true;
        unlink(n.pos);
      }
    balance(teams);
    const ticketTeams = teams.map((team) => team.map((n) => n.t.ticket));
    proposals.push({ tickets: ticketTeams.flat(), teams: ticketTeams });
  }
  return proposals;
}

function byAgeOrder(a: Node, b: Node): number {
  return a.t.queuedAt - b.t.queuedAt;
}

/** Fill every team exactly, anchor first: first fit by age, else first fit decreasing by size. */
function pack(anchor: Node, candidates: Node[], shape: MatchShape): Node[][] | null {
  const orders = [[...candidates].sort(byAgeOrder), [...candidates].sort((a, b) => b.t.size - a.t.size || byAgeOrder(a, b))];
  for (const order of orders) {
    const teams = fill(anchor, order, shape);
    if (teams) return teams;
  }
  return null;
}

function fill(anchor: Node, order: Node[], shape: MatchShape): Node[][] | null {
  const teams: Node[][] = Array.from({ length: shape.teams }, () => []);
  const room = new Array<number>(shape.teams).fill(shape.teamSize);
  const place = (n: Node): boolean => {
    // The team with the most room that fits keeps sizes mixable; ties go to the lower rating sum.
    let best = -1;
    for (let i = 0; i < teams.length; i++) {
      if ((room[i] as number) < n.t.size) continue;
      if (best < 0 || (room[i] as number) > (room[best] as number)) best = i;
    }
    if (best < 0) return false;
    (teams[best] as Node[]).push(n);
    room[best] = (room[best] as number) - n.t.size;
    return true;
  };
  place(anchor);
  let left = room.reduce((a, b) => a + b, 0);
  for (const n of order) {
    if (left === 0) break;
    if (place(n)) left -= n.t.size;
  }
  return left === 0 ? teams : null;
}

function teamRating(team: Node[]): number {
  return team.reduce((a, n) => a + n.t.rating * n.t.size, 0);
}

/** Swap equal-size parties between teams while it narrows the rating gap (bounded passes). */
function balance(teams: Node[][]): void {
  for (let pass = 0; pass < 8; pass++) {
    let improved = false;
    for (let i = 0; i < teams.length; i++) {
      for (let j = i + 1; j < teams.length; j++) {
        const a = teams[i] as Node[];
        const b = teams[j] as Node[];
        let gap = Math.abs(teamRating(a) - teamRating(b));
        for (let x = 0; x < a.length; x++) {
          for (let y = 0; y < b.length; y++) {
            const na = a[x] as Node;
            const nb = b[y] as Node;
            if (na.t.size !== nb.t.size) continue;
            const delta = (nb.t.rating - na.t.rating) * na.t.size;
            const next = Math.abs(teamRating(a) + delta - (teamRating(b) - delta));
            if (next + 1e-9 < gap) {
              a[x] = nb;
              b[y] = na;
              gap = next;
              improved = true;
            }
          }
        }
      }
    }
    if (!improved) return;
  }
}
