import { Type, type Static } from '@sinclair/typebox';
import { RegionIdSchema } from '../queue/config.js';
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
 * being formed; `no_region_in_reach`: no region of the queue has every member within the
 * latency limit yet (the limit widens with waiting); `waiting_for_server`: a match is possible
 * but the region has no free game server. Numbers count the other lobbies' players (in the
 * lobby's region when the queue file has regions).
 */
export const QueueWhySchema = Type.Object(
  {
    reason: Type.Union([
      Type.Literal('few_players'),
      Type.Literal('party_cannot_fit'),
      Type.Literal('matching'),
      Type.Literal('no_region_in_reach'),
      Type.Literal('waiting_for_server'),
    ]),
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
    /** The acceptable latency (ms) at that pass; present when the queue file has regions. */
    latencyLimitMs: Type.Optional(Type.Integer({ minimum: 0 })),
    /** The lobby's worst member latency (ms) to its region (its best region for `no_region_in_reach`). */
    latencyMs: Type.Optional(Type.Integer({ minimum: 0 })),
    /**
     * Estimated wait (ms) for a party of this lobby's size in this queue and region: the median
     * of the leader's recent matches of that size; absent until it has a few.
     */
    estimatedWaitMs: Type.Optional(Type.Integer({ minimum: 0 })),
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
    /** The region the lobby waits in (absent when the queue file has no regions). */
    region: Type.Optional(RegionIdSchema),
  },
  'Coral.QueueStatus',
);
export type QueueStatus = Static<typeof QueueStatusSchema>;
