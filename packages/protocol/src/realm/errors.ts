import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CODES } from '../core/errors.js';

/** Every Realm error response body (and the socket `error` payload). */
export const RealmErrorSchema = Type.Object(
  {
    code: Type.Union(ERROR_CODES.map((c) => Type.Literal(c))),
    message: Type.String({ maxLength: 512 }),
    path: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false, $id: 'Realm.Error' },
);
export type RealmError = Static<typeof RealmErrorSchema>;
