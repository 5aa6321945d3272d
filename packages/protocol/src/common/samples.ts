import { defineFamily } from './families.js';
import { HostPortSchema } from './host-port.js';
import { GameIdSchema, JoinTicketIdSchema, LobbyIdSchema, newId, PlayerIdSchema, PrematchIdSchema, QueueTicketIdSchema, ServerIdSchema } from './ids.js';

export const commonFamilies = [
  defineFamily({
    name: 'common.values',
    tagged: false,
    schemas: [PlayerIdSchema, LobbyIdSchema, GameIdSchema, PrematchIdSchema, QueueTicketIdSchema, JoinTicketIdSchema, ServerIdSchema, HostPortSchema],
    samples: [
      newId('p_'),
      newId('l_'),
      newId('g_'),
      newId('pm_'),
      newId('t_'),
      newId('jt_'),
      newId('ms_'),
      '127.0.0.1:7000',
      '[::1]:7000',
      'moonstone-3.eu.example.net:65535',
    ],
  }),
];
