import { PROTOCOL_VERSION } from '../core/version.js';
import { defineFamily, type MessageFamily } from '../common/families.js';
import { coralClientSchemas, type CoralClientMessage } from './client-messages.js';
import { coralServerSchemas, type CoralServerMessage } from './server-messages.js';

const P = 'p_sample0000000000000000';
const L = 'l_sample0000000000000000';
const PM = 'pm_sample000000000000000';
const G = 'g_sample0000000000000000';

const clientSamples: CoralClientMessage[] = [
  { type: 'hello', version: PROTOCOL_VERSION },
  { type: 'hello', id: 'h1', version: PROTOCOL_VERSION, client: 'glaceon/0.1.0' },
  { type: 'ping', id: 'k1' },
  { type: 'queue.start', id: 'r1' },
  { type: 'queue.cancel', id: 'r2' },
  { type: 'match.accept', id: 'r3', prematchId: PM },
  { type: 'match.decline', id: 'r4', prematchId: PM },
  { type: 'game.leave', id: 'r5', gameId: G },
  {
    type: 'region.latencies',
    id: 'r6',
    latencies: [
      { region: 'eu-west', rttMs: 31 },
      { region: 'us-east', rttMs: 112 },
    ],
  },
];

const serverSamples: CoralServerMessage[] = [
  { type: 'welcome', id: 'h1', version: PROTOCOL_VERSION, playerId: P, coralId: 'coral-1', heartbeatMs: 15_000 },
  { type: 'pong', id: 'k1', serverTime: 1_700_000_000_000 },
  { type: 'ack', id: 'r1' },
  { type: 'error', code: 'NOT_HOST', message: 'Only the lobby host can do that.', id: 'r1' },
  { type: 'error', code: 'BAD_JSON', message: 'The message is not valid JSON.' },
  {
    type: 'lobby.updated',
    lobby: { id: L, host: P, mode: '2v2', members: [{ id: P, name: 'Ash' }], state: 'idle', idleReason: 'declined', stateSince: 1_700_000_000_000, version: 3 },
  },
  { type: 'lobby.updated', lobby: null },
  {
    type: 'queue.status',
    lobbyId: L,
    mode: '2v2',
    queuedAt: 1_700_000_000_000,
    elapsedMs: 4200,
    playersSearching: 37,
    estimatedWaitMs: 9000,
    ratingWindow: 150,
  },
  { type: 'queue.status', lobbyId: L, mode: '1v1', queuedAt: 1_700_000_000_000, elapsedMs: 0, playersSearching: 1, estimatedWaitMs: null, ratingWindow: 100 },
  {
    type: 'queue.status',
    lobbyId: L,
    mode: '3v3',
    queuedAt: 1_700_000_000_000,
    elapsedMs: 9000,
    playersSearching: 4,
    estimatedWaitMs: 20000,
    ratingWindow: 325,
    why: { reason: 'few_players', playersInWindow: 3, playersNeeded: 5, nearestGap: 140, window: 325, at: 1_700_000_009_000 },
  },
  {
    type: 'queue.status',
    lobbyId: L,
    mode: '2v2',
    queuedAt: 1_700_000_000_000,
    elapsedMs: 12000,
    playersSearching: 9,
    estimatedWaitMs: 15000,
    ratingWindow: 400,
    region: 'eu-west',
    why: {
      reason: 'few_players',
      playersInWindow: 7,
      playersNeeded: 3,
      nearestGap: 60,
      window: 400,
      at: 1_700_000_012_000,
      latencyLimitMs: 104,
      latencyMs: 31,
    },
  },
  { type: 'match.found', prematchId: PM, mode: '2v2', deadline: 1_700_000_020_000, players: 4, accepted: 0, youAccepted: false },
  { type: 'match.progress', prematchId: PM, accepted: 2, players: 4 },
  { type: 'match.cancelled', prematchId: PM, reason: 'declined', requeued: true },
  { type: 'game.pending', prematchId: PM, reason: 'no_server', until: 1_700_000_060_000 },
  {
    type: 'game.ready',
    gameId: G,
    prematchId: PM,
    serverId: 'ms_sample000000000000000',
    moonstone: '127.0.0.1:7777',
    ticket: 'eyJ2IjoxfQ.c2ln',
    ticketExpiresAt: 1_700_000_060_000,
  },
  { type: 'game.ended', gameId: G, result: { winnerTeam: 0, reason: 'finished' } },
];

/** Coral's player socket, one family per direction. */
export const coralFamilies: MessageFamily[] = [
  defineFamily({ name: 'coral.client', tagged: true, schemas: [...coralClientSchemas], samples: clientSamples }),
  defineFamily({ name: 'coral.server', tagged: true, schemas: [...coralServerSchemas], samples: serverSamples }),
];
