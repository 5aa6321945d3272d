import { defineFamily, type MessageFamily } from '../common/families.js';
import { PROTOCOL_VERSION } from '../core/version.js';
import { moonstoneClientSchemas, type MoonstoneClientMessage } from './client-messages.js';
import { moonstoneServerSchemas, type MoonstoneServerMessage } from './server-messages.js';

const G = 'g_sample0000000000000000';
const P1 = 'p_sample0000000000000001';
const P2 = 'p_sample0000000000000002';

const clientSamples: MoonstoneClientMessage[] = [
  { type: 'hello', protocol: PROTOCOL_VERSION, gameId: G, ticket: 'eyJ2IjoxfQ.c2ln' },
  { type: 'hello', protocol: PROTOCOL_VERSION, gameId: G, ticket: 'eyJ2IjoxfQ.c2ln', client: 'onyx-standin/0.1.0' },
  { type: 'leave' },
];

const serverSamples: MoonstoneServerMessage[] = [
  {
    type: 'welcome',
    protocol: PROTOCOL_VERSION,
    gameId: G,
    mode: '1v1',
    playerId: P1,
    team: 0,
    reconnected: false,
    phase: 'waiting',
    roster: [
      { playerId: P1, name: 'Ash', team: 0, connected: true },
      { playerId: P2, name: 'Brock', team: 1, connected: false },
    ],
  },
  { type: 'game.state', phase: 'waiting', connected: [P1] },
  { type: 'game.state', phase: 'running', connected: [P1, P2], endsAt: 1_700_000_010_000 },
  { type: 'game.over', gameId: G, reason: 'completed', winningTeam: 0 },
  { type: 'game.over', gameId: G, reason: 'server_lost' },
  { type: 'error', code: 'TICKET_USED', message: 'The join ticket was already used.' },
];

/** The Onyx <-> Moonstone game connection, one family per direction. */
export const gameFamilies: MessageFamily[] = [
  defineFamily({ name: 'game.client', tagged: true, schemas: [...moonstoneClientSchemas], samples: clientSamples }),
  defineFamily({ name: 'game.server', tagged: true, schemas: [...moonstoneServerSchemas], samples: serverSamples }),
];
