import { describe, expect, it } from 'vitest';
import { simulate, spearman } from './sim.js';

describe('ratings simulation', () => {
  it('computes Spearman with ties and is deterministic per seed', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 10);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 10);
    expect(spearman([1, 1, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9487, 3);
    const a = simulate({ players: 100, games: 2000, seed: 7 });
    const b = simulate({ players: 100, games: 2000, seed: 7 });
    expect({ ...a, ms: 0 }).toEqual({ ...b, ms: 0 });
    expect(a.openskill.spearman).toBeGreaterThan(0.85);
  });
});
