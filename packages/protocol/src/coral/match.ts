import { Type, type Static } from '@sinclair/typebox';
import { CoralModeIdSchema, CoralPlayerIdSchema, CoralPrematchIdSchema, CoralEpochMsSchema, CoralRequestIdSchema, coralMessage } from './shared.js';

/** A match was found: accept or decline before `deadline`. Re-sent on (re)connect while it lasts. */
export const MatchFoundSchema = coralMessage(
  'match.found',
  {
    prematchId: CoralPrematchIdSchema,
    mode: CoralModeIdSchema,
    /** Ready-check deadline, ms since epoch (server clock). */
    deadline: CoralEpochMsSchema,
    /** Players in the match (all lobbies). */
    players: Type.Integer({ minimum: 1 }),
    accepted: Type.Integer({ minimum: 0 }),
    /** Whether this player already accepted (a resumed socket must not ask twice). */
    youAccepted: Type.Boolean(),
  },
  'Coral.MatchFound',
);
export type MatchFound = Static<typeof MatchFoundSchema>;

export const MatchAcceptSchema = coralMessage('match.accept', { id: CoralRequestIdSchema, prematchId: CoralPrematchIdSchema }, 'Coral.MatchAccept');
export type MatchAccept = Static<typeof MatchAcceptSchema>;

export const MatchDeclineSchema = coralMessage('match.decline', { id: CoralRequestIdSchema, prematchId: CoralPrematchIdSchema }, 'Coral.MatchDecline');
export type MatchDecline = Static<typeof MatchDeclineSchema>;

/** How many players of the prematch have accepted so far. */
export const MatchProgressSchema = coralMessage(
  'match.progress',
  {
    prematchId: CoralPrematchIdSchema,
    accepted: Type.Integer({ minimum: 0 }),
    players: Type.Integer({ minimum: 1 }),
  },
  'Coral.MatchProgress',
);
export type MatchProgress = Static<typeof MatchProgressSchema>;

export const MATCH_CANCEL_REASONS = ['declined', 'timeout', 'cancelled', 'no_server'] as const;
export type MatchCancelReason = (typeof MATCH_CANCEL_REASONS)[number];

/**
 * The ready check failed (someone declined or timed out, a lobby left), or no
 * game server came free in time (`no_server`). `requeued`: your lobby is back in the queue with its original queue time. */
export const MatchCancelledSchema = coralMessage(
  'match.cancelled',
  {
    prematchId: CoralPrematchIdSchema,
    reason: Type.Union(MATCH_CANCEL_REASONS.map((r) => Type.Literal(r))),
    requeued: Type.Boolean(),
    /** Who failed the ready check (declined, did not accept in time, cancelled), when known; names as their accounts have them. */
    by: Type.Optional(
      Type.Array(Type.Object({ id: CoralPlayerIdSchema, name: Type.String({ maxLength: 64 }) }, { additionalProperties: false }), { maxItems: 256 }),
    ),
  },
  'Coral.MatchCancelled',
);
export type MatchCancelled = Static<typeof MatchCancelledSchema>;
