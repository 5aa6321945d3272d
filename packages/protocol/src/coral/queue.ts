import { Type, type Static } from '@sinclair/typebox';
import { CoralLobbyIdSchema, CoralModeIdSchema, CoralDurationMsSchema, CoralEpochMsSchema, CoralRequestIdSchema, coralMessage } from './shared.js';

/** Host only: put the lobby (in its current mode) in the queue. Reply: `ack`. */
export const QueueStartSchema = coralMessage('queue.start', { id: CoralRequestIdSchema }, 'Coral.QueueStart');
export type QueueStart = Static<typeof QueueStartSchema>;

/** Any member: leave the queue for the whole party; the lobby goes idle with reason `cancelled` and `idleBy` naming this player. Reply: `ack`. */
export const QueueCancelSchema = coralMessage('queue.cancel', { id: CoralRequestIdSchema }, 'Coral.QueueCancel');
export type QueueCancel = Static<typeof QueueCancelSchema>;

/**
 * Why a waiting lobby is not matched yet, as the leader's last pass saw it (written at most
 * once a second). `few_players`: fewer players within the rating window than a match needs
 * (the window widens with waiting); `party_cannot_fit`: enough players, but no mix of their
 * parties fills the teams around this party's size; `matching`: a match is possible and is
 * being formed. Numbers count the other lobbies' players.
 */
export const QueueWhySchema = Type.Object(
  {
    reason: Type.Union([Type.Literal('few_players'), Type.Literal('party_cannot_fit'), Type.Literal('matching')]),
    /** Players of other waiting lobbies whose rating is within this lobby's window. */
    playersInWindow: Type.Integer({ minimum: 0 }),
    /** Players a match needs besides this lobby's. */
    playersNeeded: Type.Integer({ minimum: 0 }),
    /** The nearest other waiting lobby's rating distance; null when nobody else waits. */
    nearestGap: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    /** The window's half-width at that pass. */
    window: Type.Integer({ minimum: 0 }),
    /** When the pass ran (server clock). */
    at: CoralEpochMsSchema,
  },
  { additionalProperties: false },
);
export type QueueWhy = Static<typeof QueueWhySchema>;

/** Sent to every member while their lobby is queued (on a timer, and on (re)connect). */
export const QueueStatusSchema = coralMessage(
  'queue.status',
  {
    lobbyId: CoralLobbyIdSchema,
    mode: CoralModeIdSchema,
    /** When the lobby entered the queue (kept across a requeue after someone else declined). */
    queuedAt: CoralEpochMsSchema,
    elapsedMs: CoralDurationMsSchema,
    /** Players searching in this mode right now, across every Coral. */
    playersSearching: Type.Integer({ minimum: 0 }),
    /** Estimated wait from recent history; null while there is no history. */
    estimatedWaitMs: Type.Union([CoralDurationMsSchema, Type.Null()]),
    /** Current half-width of the rating window; it widens with waiting time. */
    ratingWindow: Type.Integer({ minimum: 0 }),
    /** Why not matched yet (absent until the leader's pass has looked at this lobby). */
    why: Type.Optional(QueueWhySchema),
  },
  'Coral.QueueStatus',
);
export type QueueStatus = Static<typeof QueueStatusSchema>;
