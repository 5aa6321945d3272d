import { Type, type Static } from '@sinclair/typebox';

export const HealthResponseSchema = Type.Object(
  { status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]), checks: Type.Optional(Type.Record(Type.String(), Type.String())) },
  { additionalProperties: false, $id: 'Realm.HealthResponse' },
);
export type HealthResponse = Static<typeof HealthResponseSchema>;
