import { describe, expect, it } from 'vitest';
import type { WaitingTicket } from '@glaceon/store';
import { explainUnmatched } from './explain.js';

let seq = 0;
function ticket(size: number, rating: number, queuedAt = 0): WaitingTicket {
  seq++;
  return { ticket: `t_${seq}`, lobbyId: `l_${seq}`, size, rating, queuedAt, players: Array.from({ length: size }, (_, i) => `p_${seq}_${i}`) };
}
const WINDOW = { baseWidth: 100, widenPerSecond: 10, maxWidth: 1000, uncertaintyWeight: 0 };
const THREE = { teams: 2, teamSize: 3 };

describe('why not matched yet', () => {
  it('counts the other players within the window and the nearest gap', () => {
    const me = ticket(1, 1500);
    const near = [ticket(2, 1450), ticket(1, 1590)];
    const far = ticket(3, 1800);
    const why = explainUnmatched([me, ...near, far], new Set(), THREE, 0, WINDOW).get(me.lobbyId);
    expect(why).toEqual({ reason: 'few_players', playersInWindow: 3, playersNeeded: 5, nearestGap: 50, window: 100, at: 0 });
  });

  it('the window widens with waiting, and then the match is possible', () => {
    const me = ticket(1, 1500, 0);
    const others = [ticket(2, 1450, 30_000), ticket(1, 1590, 30_000), ticket(2, 1800, 30_000)];
    const why = explainUnmatched([me, ...others], new Set(), THREE, 30_000, WINDOW).get(me.lobbyId);
    expect(why).toMatchObject({ reason: 'matching', playersInWindow: 5, window: 400 });
  });

  it('enough players, but no mix of their parties fills two teams of three around a party of two', () => {
    const me = ticket(2, 1500);
    const others = [ticket(2, 1510), ticket(2, 1520)];
    expect(explainUnmatched([me, ...others], new Set(), THREE, 0, WINDOW).get(me.lobbyId)).toMatchObject({
      reason: 'party_cannot_fit',
      playersInWindow: 4,
      playersNeeded: 4,
    });
  });

  it('placed tickets get no reason; alone in the queue: no gap', () => {
    const a = ticket(1, 1000);
    const b = ticket(1, 1000);
    const r = explainUnmatched([a, b], new Set([b.ticket]), THREE, 0, WINDOW);
    expect(r.has(b.lobbyId)).toBe(false);
    expect(explainUnmatched([a], new Set(), THREE, 0, WINDOW).get(a.lobbyId)).toMatchObject({ reason: 'few_players', playersInWindow: 0, nearestGap: null });
  });
});
