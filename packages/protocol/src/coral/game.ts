import { Type, type Static } from '@sinclair/typebox';
import { CoralGameIdSchema, CoralPrematchIdSchema, CoralServerIdSchema, CoralEpochMsSchema, CoralRequestIdSchema, coralMessage } from './shared.js';

/**
 * Your game is ready: launch Onyx with this Moonstone address, game id and
 * ticket. The ticket is signed for this player only, so it is sent only to this
 * player's sockets; a reconnect within the game's life gets a fresh one.
 */
export const GameReadySchema = coralMessage(
  'game.ready',
  {
    gameId: CoralGameIdSchema,
    prematchId: CoralPrematchIdSchema,
    serverId: CoralServerIdSchema,
    /** Moonstone game endpoint, `host:port`. */
    moonstone: Type.String({ pattern: '^[A-Za-z0-9.:\\[\\]-]{1,253}:[0-9]{1,5}$', maxLength: 260 }),
    /** Ed25519-signed join ticket bound to this player, this game and this server. */
    ticket: Type.String({ minLength: 1, maxLength: 2048 }),
    ticketExpiresAt: CoralEpochMsSchema,
  },
  'Coral.GameReady',
);
export type GameReady = Static<typeof GameReadySchema>;

/** Everyone accepted but no game server is free yet: the game waits for one until `until`. */
export const GamePendingSchema = coralMessage(
  'game.pending',
  {
    prematchId: CoralPrematchIdSchema,
    reason: Type.Literal('no_server'),
    /** After this moment the match is cancelled and the lobbies go back to the queue. */
    until: CoralEpochMsSchema,
  },
  'Coral.GamePending',
);
export type GamePending = Static<typeof GamePendingSchema>;

/** The game is over (reported by Moonstone, or the server was lost). The lobby is idle again. */
export const GameEndedSchema = coralMessage(
  'game.ended',
  {
    gameId: CoralGameIdSchema,
    /** The result as Moonstone reported it (e.g. winner team, scores), or {reason} when the server was lost. */
    result: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown()),
  },
  'Coral.GameEnded',
);
export type GameEnded = Static<typeof GameEndedSchema>;

/**
 * Leave a running game for good (issue #12, item 10): allowed once the game server reported every
 * player of your queue entry (your lobby's players) as left or a no-show. Coral has the server
 * release them first (their tickets are refused from then on), then your lobby goes idle with
 * reason `left_game`. Reply: `ack`; `WRONG_STATE` when someone is still in the game or your lobby
 * is not in that game; `UNAVAILABLE` (retryable, nothing changed) when the server did not answer.
 */
export const GameLeaveSchema = coralMessage('game.leave', { id: CoralRequestIdSchema, gameId: CoralGameIdSchema }, 'Coral.GameLeave');
export type GameLeave = Static<typeof GameLeaveSchema>;
