import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FleetAllocation, FleetSingleReport, MoonstoneGameOver, MoonstoneServerMessage } from '@glaceon/protocol';
import { GameSession, type PlayerLink } from './session.js';
import { pickWinningTeam } from './winner.js';

const alloc = (over: Partial<FleetAllocation> = {}): FleetAllocation => ({
  gameId: 'g_s1',
  serverId: 'ms_a',
  mode: '2v2',
  teams: 2,
  roster: [
    { playerId: 'p_1', name: 'A', team: 0 },
    { playerId: 'p_2', name: 'B', team: 0 },
    { playerId: 'p_3', name: 'C', team: 1 },
    { playerId: 'p_4', name: 'D', team: 1 },
  ],
  allocatedAt: 1000,
  joinDeadline: 61_000,
  ...over,
});

function link() {
  const sent: MoonstoneServerMessage[] = [];
  const closes: number[] = [];
  const l: PlayerLink = { send: (m) => sent.push(m), close: (c) => closes.push(c) };
  return { l, sent, closes };
}

function make(over: Partial<FleetAllocation> = {}) {
  const reports: FleetSingleReport[] = [];
  const results: MoonstoneGameOver[] = [];
  const s = new GameSession(
    alloc(over),
    { serverId: 'ms_a', gameLengthMs: 5000, noShowTimeoutMs: 2000 },
    {
      report: (r) => reports.push(r),
      over: (_s, r) => results.push(r),
    },
  );
  return { s, reports, results };
}

describe('game session', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts when the roster is complete and the fuller team wins at the end', () => {
    const { s, reports, results } = make();
    const links = ['p_1', 'p_2', 'p_3', 'p_4'].map((p) => [p, link()] as const);
    for (const [p, k] of links) s.connect(p, k.l);
    expect(s.phase).toBe('running');
    expect(links[0]![1].sent[0]).toMatchObject({ type: 'welcome', team: 0, reconnected: false });
    s.disconnect('p_3', links[2]![1].l);
    vi.advanceTimersByTime(5000);
    expect(results).toEqual([{ type: 'game.over', gameId: 'g_s1', reason: 'completed', winningTeam: 0 }]);
    expect(reports.at(-1)).toEqual({ type: 'game.ended', serverId: 'ms_a', reason: 'completed', winningTeam: 0 });
    expect(links[0]![1].sent.at(-1)).toMatchObject({ type: 'game.over', winningTeam: 0 });
    expect(links[0]![1].closes).toEqual([1000]);
  });

  it('reports no-shows after the join timeout and plays with who came', () => {
    const { s, reports, results } = make();
    const a = link();
    s.connect('p_1', a.l);
    vi.advanceTimersByTime(2000);
    expect(reports.filter((r) => r.type === 'player.noshow').map((r) => 'playerId' in r && r.playerId)).toEqual(['p_2', 'p_3', 'p_4']);
    expect(s.phase).toBe('running');
    vi.advanceTimersByTime(5000);
    expect(results[0]).toMatchObject({ reason: 'completed', winningTeam: 0 });
  });

  it('is abandoned when nobody shows up, or when everyone left', () => {
    const none = make();
    vi.advanceTimersByTime(2000);
    expect(none.results).toEqual([{ type: 'game.over', gameId: 'g_s1', reason: 'abandoned' }]);
    const all = make({
      roster: [
        { playerId: 'p_1', name: 'A', team: 0 },
        { playerId: 'p_3', name: 'C', team: 1 },
      ],
    });
    const a = link();
    const c = link();
    all.s.connect('p_1', a.l);
    all.s.connect('p_3', c.l);
    all.s.disconnect('p_1', a.l);
    expect(all.results).toEqual([]);
    all.s.disconnect('p_3', c.l);
    expect(all.results).toEqual([{ type: 'game.over', gameId: 'g_s1', reason: 'abandoned' }]);
    expect(all.reports.at(-1)).toEqual({ type: 'game.ended', serverId: 'ms_a', reason: 'abandoned' });
  });

  it('welcomes a rejoin as reconnected; a stale link cannot disconnect the new one', () => {
    const { s } = make();
    const first = link();
    const second = link();
    s.connect('p_1', first.l);
    s.disconnect('p_1', first.l);
    s.connect('p_1', second.l);
    expect(second.sent[0]).toMatchObject({ type: 'welcome', reconnected: true });
    s.disconnect('p_1', first.l);
    expect(s.isConnected('p_1')).toBe(true);
  });

  it('breaks ties by the game id, deterministically', () => {
    const winners = new Set(Array.from({ length: 40 }, (_, i) => pickWinningTeam(`g_t${i}`, 2, [1, 1])));
    expect(winners).toEqual(new Set([0, 1]));
    expect(pickWinningTeam('g_same', 2, [1, 1])).toBe(pickWinningTeam('g_same', 2, [1, 1]));
    expect(pickWinningTeam('g_any', 3, [0, 2, 1])).toBe(1);
  });

  it('releases players for good only while they are not connected (issue #12, item 10)', () => {
    const { s } = make();
    const a = link();
    s.connect('p_1', a.l);
    expect(s.release(['p_1', 'p_2'])).toEqual({ ok: false, why: 'connected', playerId: 'p_1' });
    // Refused as a whole: p_2 was not released either.
    expect(s.hasPlayer('p_2')).toBe(true);
    expect(s.release(['p_9'])).toEqual({ ok: false, why: 'unknown', playerId: 'p_9' });
    s.disconnect('p_1', a.l);
    expect(s.release(['p_1', 'p_2'])).toEqual({ ok: true });
    expect(s.release(['p_1', 'p_2'])).toEqual({ ok: true });
    expect(s.hasPlayer('p_1')).toBe(false);
    expect(s.hasPlayer('p_2')).toBe(false);
    expect(s.hasPlayer('p_3')).toBe(true);
  });
});
