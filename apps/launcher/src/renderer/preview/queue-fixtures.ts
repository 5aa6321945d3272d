import type { QueueList } from '@glaceon/protocol';

/** What Realm's GET /v1/queues answers with the shipped config/queues.yaml (preview and unit tests only). */
export function previewQueues(): QueueList {
  const q = (id: string, name: string, description: string, teamSize: number) => ({
    id,
    name,
    description,
    teams: 2,
    teamSize,
    partySizes: Array.from({ length: teamSize }, (_, i) => i + 1),
    readyCheckMs: 20_000,
    ranked: true,
    regions: [],
  });
  return {
    queues: [
      q('1v1', 'Duel (1v1)', 'One against one.', 1),
      q('2v2', 'Doubles (2v2)', 'Two teams of two; come alone or as a pair.', 2),
      q('5v5', 'Teams (5v5)', 'Two teams of five; parties of any size up to five.', 5),
    ],
    regions: [],
  };
}
