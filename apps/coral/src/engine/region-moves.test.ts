import { describe, expect, it } from 'vitest';
import { latencyLimitMs, slotIdOf } from '@glaceon/protocol';
import { chooseRegionMoves, type MoveCandidate, type RegionMovesInput } from './region-moves.js';

const LATENCY = { maxMs: 80, widenPerSecond: 2, capMs: 200 };
const NOW = 1_000_000;

function entry(ticket: string, waitedS: number, latencies: Record<string, number>, extra: Partial<MoveCandidate> = {}): MoveCandidate {
  return { ticket, lobbyId: `l_${ticket}`, size: 1, queuedAt: NOW - waitedS * 1000, worstLatencyMs: latencies, ...extra };
}

function input(entries: MoveCandidate[], searching: Record<string, number>, searchingHere = entries.reduce((a, e) => a + e.size, 0)): RegionMovesInput {
  return { queueId: '2v2', region: 'eu-west', entries, latency: LATENCY, searchingHere, searching, now: NOW };
}

describe('chooseRegionMoves', () => {
  it('widens the acceptable latency with the wait, up to the cap', () => {
    expect(latencyLimitMs(LATENCY, 0)).toBe(80);
    expect(latencyLimitMs(LATENCY, 30_000)).toBe(140);
    expect(latencyLimitMs(LATENCY, 600_000)).toBe(200);
    expect(latencyLimitMs(LATENCY, -5)).toBe(80);
  });

  it('moves an entry to a region within its widened limit where more players wait, with the numbers behind it', () => {
    const e = entry('a', 30, { 'eu-west': 20, 'us-east': 120 });
    expect(chooseRegionMoves(input([e], { 'us-east': 6 }))).toEqual([
      { ticket: 'a', lobbyId: 'l_a', from: '2v2@eu-west', to: '2v2@us-east', region: 'us-east', waitingThere: 6, waitingHere: 0, latencyMs: 120, limitMs: 140 },
    ]);
    expect(slotIdOf('2v2', 'us-east')).toBe('2v2@us-east');
  });

  it('does not move to a region out of reach yet (the limit has not widened enough), or unknown to the entry', () => {
    expect(chooseRegionMoves(input([entry('a', 10, { 'us-east': 120 })], { 'us-east': 6 }))).toEqual([]); // limit 100
    expect(chooseRegionMoves(input([entry('a', 30, { 'eu-west': 20 })], { 'us-east': 6 }))).toEqual([]);
    expect(chooseRegionMoves(input([entry('a', 30, { 'us-east': Number.NaN })], { 'us-east': 6 }))).toEqual([]);
  });

  it('moves only towards a bigger pool: more players than here counting the entry, or as many and a later region id', () => {
    const e = entry('a', 30, { 'us-east': 50 }, { size: 2 });
    // Here: 8 searching, the entry's 2 included; there: 7, fewer.
    expect(chooseRegionMoves(input([e], { 'us-east': 7 }, 8))).toEqual([]);
    // As many (8): us-east sorts after eu-west, so it goes; more (9) always goes.
    expect(chooseRegionMoves(input([e], { 'us-east': 8 }, 8)).map((m) => m.to)).toEqual(['2v2@us-east']);
    expect(chooseRegionMoves(input([e], { 'us-east': 9 }, 8)).map((m) => m.to)).toEqual(['2v2@us-east']);
    // Its own slot in the counts is never a target.
    expect(chooseRegionMoves(input([e], { 'eu-west': 50 }, 2))).toEqual([]);
  });

  it('two leaders looking at each other never swap their entries: only one side moves', () => {
    // One player in each slot, each within reach of the other's region (the case that bounced).
    const inEu = chooseRegionMoves(input([entry('a', 30, { 'us-east': 50 })], { 'us-east': 1 }));
    const inUs = chooseRegionMoves({ ...input([entry('b', 30, { 'eu-west': 50 })], { 'eu-west': 1 }), region: 'us-east' });
    expect(inEu.map((m) => m.to)).toEqual(['2v2@us-east']);
    expect(inUs).toEqual([]);
  });

  it('picks the region with the most players waiting; ties go to the lower latency', () => {
    const e = entry('a', 60, { 'us-east': 90, 'ap-south': 150, 'sa-east': 70 });
    expect(chooseRegionMoves(input([e], { 'us-east': 5, 'ap-south': 9, 'sa-east': 5 }))[0]?.region).toBe('ap-south');
    expect(chooseRegionMoves(input([e], { 'us-east': 5, 'ap-south': 2, 'sa-east': 5 }))[0]?.region).toBe('sa-east');
  });

  it('moves an entry at most once per 10 s (hysteresis from its last move, or its queue time)', () => {
    const lat = { 'us-east': 50 };
    expect(chooseRegionMoves(input([entry('a', 5, lat)], { 'us-east': 9 }))).toEqual([]);
    expect(chooseRegionMoves(input([entry('a', 10, lat)], { 'us-east': 9 }))).toHaveLength(1);
    expect(chooseRegionMoves(input([entry('a', 60, lat, { lastMoveAt: NOW - 9_999 })], { 'us-east': 9 }))).toEqual([]);
    expect(chooseRegionMoves(input([entry('a', 60, lat, { lastMoveAt: NOW - 10_000 })], { 'us-east': 9 }))).toHaveLength(1);
    expect(chooseRegionMoves({ ...input([entry('a', 60, lat, { lastMoveAt: NOW - 10_000 })], { 'us-east': 9 }), options: { hysteresisMs: 30_000 } })).toEqual(
      [],
    );
  });

  it('is bounded per pass, oldest entries first', () => {
    const entries = Array.from({ length: 100 }, (_, i) => entry(`t${String(i).padStart(3, '0')}`, 20 + i, { 'us-east': 50 }));
    const moves = chooseRegionMoves(input(entries, { 'us-east': 1000 }, 100));
    expect(moves).toHaveLength(32);
    expect(moves[0]?.ticket).toBe('t099');
    expect(chooseRegionMoves({ ...input(entries, { 'us-east': 1000 }, 100), options: { maxMovesPerPass: 3 } })).toHaveLength(3);
    expect(chooseRegionMoves({ ...input(entries, { 'us-east': 1000 }, 100), options: { maxMovesPerPass: 0 } })).toEqual([]);
  });

  it('counts its own decisions as it goes: the pool it joins grows, the one it leaves shrinks', () => {
    // 10 players here (one each), 9 there: from any entry's place 9 others wait here, so nobody moves;
    const all = Array.from({ length: 10 }, (_, i) => entry(`t${i}`, 30 + i, { 'us-east': 50, 'ap-south': 60 }));
    expect(chooseRegionMoves(input(all, { 'us-east': 9 }))).toEqual([]);
    // with 10 there, the first moves, and then there is ever more clearly the bigger pool for the rest.
    expect(chooseRegionMoves(input(all, { 'us-east': 10 }))).toHaveLength(10);
    // Two regions of the same size: the first goes to the lower latency, which is then the bigger pool for all.
    const two = chooseRegionMoves(input(all, { 'us-east': 10, 'ap-south': 10 }));
    expect(two).toHaveLength(10);
    expect(new Set(two.map((m) => m.region))).toEqual(new Set(['us-east']));
    expect(two.map((m) => m.waitingThere)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('an entry nobody in which reported is in reach everywhere: it follows the bigger pool too (latency null), under the same rules', () => {
    const { worstLatencyMs: _reported, ...silent } = entry('s', 30, {});
    // Bigger pool elsewhere: moves, with no latency to name.
    expect(chooseRegionMoves(input([silent], { 'us-east': 6, 'ap-south': 3 }))).toEqual([
      {
        ticket: 's',
        lobbyId: 'l_s',
        from: '2v2@eu-west',
        to: '2v2@us-east',
        region: 'us-east',
        waitingThere: 6,
        waitingHere: 0,
        latencyMs: null,
        limitMs: 140,
      },
    ]);
    // A smaller pool elsewhere, or too soon after it queued: it stays.
    expect(chooseRegionMoves(input([silent], { 'us-east': 0 }, 4))).toEqual([]);
    expect(chooseRegionMoves(input([{ ...silent, queuedAt: NOW - 5_000 }], { 'us-east': 6 }))).toEqual([]);
    // An empty report is not "unconstrained": it reaches no region.
    expect(chooseRegionMoves(input([entry('e', 30, {})], { 'us-east': 6 }))).toEqual([]);
  });
});
