import { defineFamily } from '../common/families.js';
import { ErrorBodySchema } from './error-body.js';
import { QUEUE_MODES, QueueModeSchema } from './modes.js';

export const coreFamilies = [
  defineFamily({
    name: 'core.documents',
    tagged: false,
    schemas: [QueueModeSchema, ErrorBodySchema],
    samples: [
      ...Object.values(QUEUE_MODES),
      { code: 'LOBBY_FULL', message: 'The lobby is full.' },
      { code: 'INVALID_MESSAGE', message: '/type: Expected string', path: '/type' },
    ],
  }),
];
