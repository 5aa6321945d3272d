import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CODES } from '../core/errors.js';
import { CoralRequestIdSchema, coralMessage } from './shared.js';

/** Success reply to a request that has nothing else to say; what happens next arrives as events. */
export const AckSchema = coralMessage('ack', { id: CoralRequestIdSchema }, 'Coral.Ack');
export type Ack = Static<typeof AckSchema>;

/** Every failure: `id` echoes the request when one could be read. */
export const CoralErrorSchema = coralMessage(
  'error',
  {
    code: Type.Union(ERROR_CODES.map((c) => Type.Literal(c))),
    message: Type.String({ maxLength: 512 }),
    id: Type.Optional(CoralRequestIdSchema),
    path: Type.Optional(Type.String({ maxLength: 256 })),
  },
  'Coral.Error',
);
export type CoralError = Static<typeof CoralErrorSchema>;
