import { Type, type Static } from '@sinclair/typebox';

export const HealthResponseSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    checks: Type.Optional(Type.Record(Type.String({ maxLength: 32 }), Type.String({ maxLength: 64 }))),
  },
  { additionalProperties: false, $id: 'Realm.HealthResponse' },
);
export type HealthResponse = Static<typeof HealthResponseSchema>;
