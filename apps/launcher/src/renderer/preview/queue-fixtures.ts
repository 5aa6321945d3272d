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

/** The same queues played in three regions with ping endpoints (config/examples/queues-regions.yaml, plus 5v5). */
export function previewRegionQueues(): QueueList {
  const base = previewQueues();
  const regions = [
    { id: 'eu-west', name: 'EU West', pingUrl: 'ws://127.0.0.1:19701' },
    { id: 'us-east', name: 'US East', pingUrl: 'ws://127.0.0.1:19702' },
    { id: 'ap-southeast', name: 'Asia Pacific (Southeast)', pingUrl: 'ws://127.0.0.1:19703' },
  ];
  return {
    queues: base.queues.map((q) => ({ ...q, regions: regions.map((r) => r.id) })),
    regions,
  };
}
