import { Type, type Static } from '@sinclair/typebox';
import { FleetGameIdSchema } from '../fleet/shared.js';

/**
 * Onyx -> Moonstone, over a WebSocket to `ws://<host:port>/` (JSON text frames).
 * The first frame is `hello`; nothing else is read before a `welcome`.
 */
export const MoonstoneHelloSchema = Type.Object(
  {
    type: Type.Literal('hello'),
    /** PROTOCOL_VERSION; another number is answered INCOMPATIBLE_VERSION and closed. */
    protocol: Type.Integer({ minimum: 1 }),
    /** The game Onyx was launched for (`--game`); must match the ticket. */
    gameId: FleetGameIdSchema,
    ticket: Type.String({ minLength: 1, maxLength: 1024 }),
    /** Free-form client name/version, for logs. */
    client: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false, $id: 'Game.Hello' },
);

/** The player quits on purpose (closing the socket means the same). */
export const MoonstoneLeaveSchema = Type.Object({ type: Type.Literal('leave') }, { additionalProperties: false, $id: 'Game.Leave' });

export const moonstoneClientSchemas = [MoonstoneHelloSchema, MoonstoneLeaveSchema] as const;
export type MoonstoneClientMessage = Static<(typeof moonstoneClientSchemas)[number]>;
export type MoonstoneHello = Static<typeof MoonstoneHelloSchema>;
