import { defineFamily, type MessageFamily } from '../common/families.js';
import {
  FleetAllocationAckSchema,
  FleetAllocationBatchAckSchema,
  FleetAllocationBatchSchema,
  FleetAllocationSchema,
  type FleetAllocation,
} from './allocation.js';
import { FleetReleaseAckSchema, FleetReleaseSchema } from './release.js';
import { FleetGamesReportAnswerSchema, FleetGamesReportSchema, FleetReportAckSchema, fleetReportSchemas, type FleetReport } from './reports.js';
import { FleetLeaveResponseSchema, FleetRegisterRequestSchema, FleetRegisterResponseSchema, FleetServerListSchema } from './servers.js';
import { FleetErrorSchema } from './shared.js';

const MS = 'ms_sample000000000000000';
const G = 'g_sample0000000000000000';
const G2 = 'g_sample0000000000000001';
const P1 = 'p_sample0000000000000001';
const P2 = 'p_sample0000000000000002';

const allocation: FleetAllocation = {
  gameId: G,
  serverId: MS,
  mode: '1v1',
  teams: 2,
  roster: [
    { playerId: P1, name: 'Ash', team: 0 },
    { playerId: P2, name: 'Brock', team: 1 },
  ],
  allocatedAt: 1_700_000_000_000,
  joinDeadline: 1_700_000_060_000,
};

const reports: FleetReport[] = [
  { type: 'player.connected', serverId: MS, playerId: P1 },
  { type: 'player.noshow', serverId: MS, playerId: P2 },
  { type: 'player.left', serverId: MS, playerId: P1 },
  { type: 'game.ended', serverId: MS, reason: 'completed', winningTeam: 1 },
  { type: 'game.ended', serverId: MS, reason: 'completed' },
  { type: 'game.ended', serverId: MS, reason: 'abandoned' },
  {
    type: 'reports',
    serverId: MS,
    reports: [
      { type: 'player.noshow', serverId: MS, playerId: P1 },
      { type: 'player.noshow', serverId: MS, playerId: P2 },
      { type: 'game.ended', serverId: MS, reason: 'abandoned' },
    ],
  },
];

/** The Moonstone fleet contract: HTTP bodies both ways, and the tagged game reports. */
export const fleetFamilies: MessageFamily[] = [
  defineFamily({
    name: 'fleet.http',
    tagged: false,
    schemas: [
      FleetRegisterRequestSchema,
      FleetRegisterResponseSchema,
      FleetLeaveResponseSchema,
      FleetServerListSchema,
      FleetAllocationSchema,
      FleetAllocationAckSchema,
      FleetAllocationBatchSchema,
      FleetAllocationBatchAckSchema,
      FleetReleaseSchema,
      FleetReleaseAckSchema,
      FleetReportAckSchema,
      FleetGamesReportSchema,
      FleetGamesReportAnswerSchema,
      FleetErrorSchema,
    ],
    samples: [
      { address: '10.0.0.7:7777', controlUrl: 'http://10.0.0.7:7778', region: 'eu-west', capacity: 8, version: '1.0.0', instanceId: 'boot-3f9a1c2e' },
      {
        address: '[::1]:7777',
        controlUrl: 'https://ms1.example.net/control',
        region: 'local',
        capacity: 1,
        version: 'dev',
        instanceId: 'abcdefgh',
        draining: true,
      },
      {
        serverId: MS,
        heartbeatMs: 1000,
        ttlMs: 3000,
        ticketPublicKeyPem: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n',
        serverTime: 1_700_000_000_500,
        games: [allocation],
      },
      { serverId: MS, heartbeatMs: 1000, ttlMs: 3000, ticketPublicKeyPem: 'pem', serverTime: 1, games: [] },
      { serverId: MS, left: true, endedGames: [G] },
      {
        servers: [
          {
            serverId: MS,
            address: '127.0.0.1:7777',
            region: 'local',
            capacity: 4,
            load: 1,
            draining: false,
            version: 'dev',
            heartbeatDeadline: 1_700_000_003_000,
          },
        ],
      },
      allocation,
      { gameId: G, created: true },
      { serverId: MS, allocations: [allocation, { ...allocation, gameId: 'g_sample0000000000000002', roster: [{ playerId: P1, name: 'Ash', team: 1 }] }] },
      {
        results: [
          { gameId: G, created: true },
          { gameId: 'g_sample0000000000000002', created: false },
        ],
      },
      { serverId: MS, gameId: G, playerIds: [P1, P2] },
      { gameId: G, released: [P1] },
      { gameId: G, state: 'ended', duplicate: false },
      {
        serverId: MS,
        games: [
          { gameId: G, reports: [{ type: 'game.ended', serverId: MS, reason: 'abandoned' }] },
          { gameId: G2, reports: [{ type: 'player.left', serverId: MS, playerId: P1 }] },
        ],
      },
      {
        results: [
          { gameId: G, status: 200, body: { gameId: G, state: 'ended', duplicate: false } },
          { gameId: G2, status: 404, body: { code: 'NOT_FOUND', message: 'No such game.' } },
        ],
      },
      { code: 'UNAUTHENTICATED', message: 'Sign in first.' },
    ],
  }),
  defineFamily({ name: 'fleet.report', tagged: true, schemas: [...fleetReportSchemas], samples: reports }),
];
