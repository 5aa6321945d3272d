import { Type, type Static } from '@sinclair/typebox';
import { CoralPlayerIdSchema, CoralDurationMsSchema, CoralRequestIdSchema, coralMessage } from './shared.js';

/**
 * The first message on every Coral socket states the protocol version. A
 * mismatch is answered with INCOMPATIBLE_VERSION and the socket is closed with
 * `closeCodeOf('INCOMPATIBLE_VERSION')`. Nothing else is accepted before it.
 */
export const HelloSchema = coralMessage(
  'hello',
  {
    id: Type.Optional(CoralRequestIdSchema),
    version: Type.Integer({ minimum: 0, maximum: 65_535 }),
    /** Free-form client name for logs, e.g. 'glaceon/0.1.0'. */
    client: Type.Optional(Type.String({ maxLength: 64 })),
  },
  'Coral.Hello',
);
export type Hello = Static<typeof HelloSchema>;

/** Reply to `hello`: the handshake succeeded; the current state follows right after it. */
export const WelcomeSchema = coralMessage(
  'welcome',
  {
    id: Type.Optional(CoralRequestIdSchema),
    version: Type.Integer({ minimum: 0, maximum: 65_535 }),
    playerId: CoralPlayerIdSchema,
    /** Which Coral instance holds this socket (for support and logs). */
    coralId: Type.String({ minLength: 1, maxLength: 64 }),
    /** The server pings this often; a peer that misses two pings is dropped. */
    heartbeatMs: CoralDurationMsSchema,
  },
  'Coral.Welcome',
);
export type Welcome = Static<typeof WelcomeSchema>;

/**
 * Application-level liveness check. Browsers cannot see WebSocket ping frames,
 * so a client that has heard nothing for a while asks; no `pong` in time means
 * the server is gone (frozen, partitioned) and the client reconnects.
 */
export const PingSchema = coralMessage('ping', { id: CoralRequestIdSchema }, 'Coral.Ping');
export type Ping = Static<typeof PingSchema>;

export const PongSchema = coralMessage('pong', { id: CoralRequestIdSchema, serverTime: Type.Integer({ minimum: 0 }) }, 'Coral.Pong');
export type Pong = Static<typeof PongSchema>;
