import { defineFamily } from '../common/families.js';
import { ErrorBodySchema } from './error-body.js';

export const coreFamilies = [
  defineFamily({
    name: 'core.documents',
    tagged: false,
    schemas: [ErrorBodySchema],
    samples: [
      { code: 'LOBBY_FULL', message: 'The lobby is full.' },
      { code: 'INVALID_MESSAGE', message: '/type: Expected string', path: '/type' },
    ],
  }),
];
