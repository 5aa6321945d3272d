import { parseQueuesConfig } from '@glaceon/protocol';

/** The shipped default queues (config/queues.yaml), for tests that do not read a file. */
export const TEST_QUEUES = parseQueuesConfig({
  queues: [
    { id: '1v1', name: 'Duel (1v1)', teams: 2, teamSize: 1, ranked: true },
    { id: '2v2', name: 'Doubles (2v2)', teams: 2, teamSize: 2, ranked: true },
    { id: '5v5', name: 'Teams (5v5)', teams: 2, teamSize: 5, ranked: true },
  ],
});
