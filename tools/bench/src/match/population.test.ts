import { describe, expect, it } from 'vitest';
import { partySizes, teamPatterns } from './population.js';

describe('bench party mixes follow the queue configuration', () => {
  it('keeps the historical mixes for the shipped queues', () => {
    expect(teamPatterns(5, [1, 2, 3, 4, 5])).toEqual([[5], [3, 2], [4, 1], [2, 2, 1], [1, 1, 1, 1, 1]]);
    expect(teamPatterns(2, [1, 2])).toEqual([[2], [1, 1]]);
  });

  it('fills a team of three, or of four with parties of 1 and 4 only', () => {
    expect(teamPatterns(3, [1, 2, 3])).toEqual([[3], [2, 1], [1, 1, 1]]);
    expect(teamPatterns(4, [1, 4])).toEqual([[4], [1, 1, 1, 1]]);
  });

  it('every player of a multiple of the match size is in a party, and the parties fill whole teams', () => {
    const sizes = partySizes({ teams: 2, teamSize: 3, partySizes: [1, 2, 3] }, 600);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(600);
    expect(sizes.every((s) => s >= 1 && s <= 3)).toBe(true);
    expect(() => partySizes({ teams: 2, teamSize: 3, partySizes: [2] }, 12)).toThrow(/no mix of party sizes 2 fills a team of 3/);
  });
});
