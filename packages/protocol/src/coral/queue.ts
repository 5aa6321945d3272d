import { Type, type Static } from '@sinclair/typebox';
import { CoralLobbyIdSchema, CoralModeIdSchema, CoralDurationMsSchema, CoralEpochMsSchema, CoralRequestIdSchema, coralMessage } from './shared.js';

/** Host only: put the lobby (in its current mode) in the queue. Reply: `ack`. */
export const QueueStartSchema = coralMessage('queue.start', { id: CoralRequestIdSchema }, 'Coral.QueueStart');
export type QueueStart = Static<typeof QueueStartSchema>;

/** Any member: leave the queue for the whole party; the lobby goes idle with reason `cancelled` and `idleBy` naming this player. Reply: `ack`. */
export const QueueCancelSchema = coralMessage('queue.cancel', { id: CoralRequestIdSchema }, 'Coral.QueueCancel');
export type QueueCancel = Static<typeof QueueCancelSchema>;

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
  },
  'Coral.QueueStatus',
);
export type QueueStatus = Static<typeof QueueStatusSchema>;
