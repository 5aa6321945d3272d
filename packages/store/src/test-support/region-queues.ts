import { parseQueuesConfig } from '@glaceon/protocol';

/**
 * The default queues in two regions (eu, us) with a fast-widening latency limit
 * (80 ms at first, +200 ms a second, at most 400 ms), for slot and latency tests.
 */
export const REGION_TEST_QUEUES = parseQueuesConfig({
  regions: [
    { id: 'eu', name: 'Europe' },
    { id: 'us', name: 'United States' },
  ],
  queues: [
    { id: '1v1', name: 'Duel (1v1)', teams: 2, teamSize: 1, latency: { maxMs: 80, widenPerSecond: 200, capMs: 400 } },
    { id: '2v2', name: 'Doubles (2v2)', teams: 2, teamSize: 2, latency: { maxMs: 80, widenPerSecond: 200, capMs: 400 } },
  ],
});
