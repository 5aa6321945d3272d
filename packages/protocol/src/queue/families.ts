import { defineFamily, type MessageFamily } from '../common/families.js';
import { queueEventSchemas, type QueueEvent } from './events.js';
import { PublicQueueSchema, QueueConfigSchema, QueueListSchema, QueueRegionSchema, QueuesFileSchema } from './config.js';

const P1 = 'p_sample0000000000000001';
const P2 = 'p_sample0000000000000002';
const L = 'l_sample0000000000000000';
const T = 't_sample0000000000000000';
const PM = 'pm_sample000000000000000';
const G = 'g_sample0000000000000000';
const MS = 'ms_sample000000000000000';

const samples: QueueEvent[] = [
  { type: 'queued', mode: '1v1', ticket: T, lobbyId: L, players: [P1], queuedAt: 1_700_000_000_000, searching: 3 },
  { type: 'queued', mode: '2v2', ticket: T, lobbyId: L, players: [P1, P2], queuedAt: 1_700_000_000_000 },
  { type: 'left', mode: '1v1', ticket: T, lobbyId: L, players: [P1], reason: 'declined' },
  { type: 'left', mode: '1v1', ticket: T, lobbyId: '', players: [], reason: 'server_lost' },
  { type: 'requeued', mode: '1v1', ticket: T, lobbyId: L, players: [P2], queuedAt: 1_700_000_000_000 },
  { type: 'prematch', mode: '1v1', pm: PM, players: [P1, P2], deadline: 1_700_000_020_000 },
  { type: 'accepted', mode: '1v1', pm: PM, players: [P1, P2], accepted: [P1] },
  { type: 'ready_failed', mode: '1v1', pm: PM, players: [P1, P2], reason: 'timeout' },
  { type: 'game_creating', mode: '1v1', pm: PM, gameId: G, players: [P1, P2] },
  { type: 'game_ready', mode: '1v1', pm: PM, gameId: G, serverId: MS, address: '127.0.0.1:7777', players: [P1, P2] },
  { type: 'game_over', mode: '1v1', gameId: G, players: [P1, P2], reason: 'game_over' },
];

/** Queue events (Redis sharded pub/sub between Corals), tagged by `type`. */
const threeVsThree = { id: '3v3', name: 'Trios (3v3)', teams: 2, teamSize: 3, partySizes: [1, 2, 3] };
const publicThree = { ...threeVsThree, description: '', readyCheckMs: 20000, ranked: false, regions: ['eu-west'] };
const euWest = { id: 'eu-west', name: 'EU West', pingUrl: 'wss://ping.eu-west.example/echo' };

export const queueFamilies: MessageFamily[] = [
  defineFamily({ name: 'queue.events', tagged: true, schemas: [...queueEventSchemas], samples }),
  /** The queue configuration file (GLACEON_QUEUES) and Realm's GET /v1/queues. */
  defineFamily({
    name: 'queue.config',
    tagged: false,
    schemas: [QueuesFileSchema, QueueConfigSchema, QueueRegionSchema, PublicQueueSchema, QueueListSchema],
    samples: [
      { regions: [euWest], queues: [{ ...threeVsThree, rating: { initialWindow: 50 }, latency: { maxMs: 60 }, ranked: true, regions: ['eu-west'] }] },
      threeVsThree,
      euWest,
      publicThree,
      { queues: [publicThree], regions: [euWest] },
    ],
  }),
];
