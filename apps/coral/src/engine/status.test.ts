import { describe, expect, it } from 'vitest';
import { queueStatus } from './status.js';

describe('queueStatus', () => {
  it('reports elapsed time, searching players, remaining estimated wait and the widened window', () => {
    expect(queueStatus({ mode: '2v2', searching: 12, estimatedWaitMs: 10_000 }, 1000, 5000)).toEqual({
      elapsedMs: 4000,
      searching: 12,
      estimatedWaitMs: 6000,
      ratingWindow: 200,
    });
    expect(queueStatus({ mode: '2v2', searching: 0, estimatedWaitMs: null }, 1000, 500)).toEqual({
      elapsedMs: 0,
      searching: 0,
      estimatedWaitMs: null,
      ratingWindow: 100,
    });
    expect(queueStatus({ mode: '2v2', searching: 3, estimatedWaitMs: 1000 }, 0, 60_000).estimatedWaitMs).toBe(0);
  });
});
