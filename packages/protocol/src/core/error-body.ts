import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CODES } from './errors.js';

/** Longest `message` in an error body; longer ones are cut by whoever builds the body. */
export const MAX_ERROR_MESSAGE_CHARS = 500;

export const ErrorCodeSchema = Type.Union(
  ERROR_CODES.map((code) => Type.Literal(code)),
  { description: 'Error code; HTTP status and close code are derived from the table in core/errors.' },
);

/** The body of every HTTP error response (Realm) and the payload of socket errors. */
export const ErrorBodySchema = Type.Object(
  {
    code: ErrorCodeSchema,
    message: Type.String({ maxLength: MAX_ERROR_MESSAGE_CHARS }),
    path: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false, $id: 'Core.ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBodySchema>;
