import { Type, type Static } from '@sinclair/typebox';
import { GameIdSchema } from '../common/ids.js';
import { bare, PlayerIdSchema } from './ids.js';

/**
 * Progression (issue #16): the stored record of a finished game, a player's
 * history, profiles and leaderboards. Ratings follow docs/ratings.md: the
 * display rating is conservative (mean - 3 sigma, at least 0).
 */

/** The queue id of the queue configuration (queue/config.ts), embedded without a $id. */
const QueueIdSchema = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,31}$', minLength: 2, maxLength: 32, description: 'Queue id' });
const Rating = Type.Integer({ minimum: 0, maximum: 100_000, description: 'Display rating' });
const Ms = Type.Integer({ minimum: 0 });
const Name = Type.String({ minLength: 1, maxLength: 64 });

/** finished: played to the end (rated). no_show: nobody (or not enough) came. abandoned: everyone left. server_lost / timed_out: not rated. */
export const GAME_END_REASONS = ['finished', 'no_show', 'abandoned', 'server_lost', 'timed_out'] as const;
export type GameEndReason = (typeof GAME_END_REASONS)[number];
export const GameEndReasonSchema = Type.Union(GAME_END_REASONS.map((r) => Type.Literal(r)));

export const SkillSchema = Type.Object(
  { mu: Type.Number(), sigma: Type.Number({ minimum: 0 }), rating: Rating },
  { additionalProperties: false, $id: 'Realm.Skill', description: 'Model mean and uncertainty, and the display rating derived from them' },
);
export type SkillView = Static<typeof SkillSchema>;

export const GamePlayerSchema = Type.Object(
  {
    playerId: PlayerIdSchema,
    name: Name,
    /** true when the player never connected (rated as a loss, docs/ratings.md). */
    noShow: Type.Boolean(),
    before: Type.Optional(bare(SkillSchema)),
    after: Type.Optional(bare(SkillSchema)),
    /** after.rating - before.rating (display points). */
    delta: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false, $id: 'Realm.GamePlayer' },
);
export type GamePlayer = Static<typeof GamePlayerSchema>;

export const GameTeamSchema = Type.Object(
  {
    team: Type.Integer({ minimum: 0, maximum: 7 }),
    result: Type.Union([Type.Literal('win'), Type.Literal('loss'), Type.Literal('draw'), Type.Literal('none')]),
    players: Type.Array(bare(GamePlayerSchema), { maxItems: 16 }),
  },
  { additionalProperties: false, $id: 'Realm.GameTeam' },
);
export type GameTeam = Static<typeof GameTeamSchema>;

export const GameRecordSchema = Type.Object(
  {
    gameId: GameIdSchema,
    queue: QueueIdSchema,
    region: Type.Optional(Type.String({ maxLength: 64 })),
    startedAt: Ms,
    endedAt: Ms,
    durationMs: Ms,
    endReason: GameEndReasonSchema,
    /** Whether ratings changed for this game. */
    rated: Type.Boolean(),
    winningTeam: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 })),
    teams: Type.Array(bare(GameTeamSchema), { minItems: 1, maxItems: 8 }),
  },
  { additionalProperties: false, $id: 'Realm.GameRecord' },
);
export type GameRecord = Static<typeof GameRecordSchema>;

export const HistoryQuerySchema = Type.Object(
  {
    /** Entries to skip (newest first). */
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false, $id: 'Realm.HistoryQuery' },
);
export type HistoryQuery = Static<typeof HistoryQuerySchema>;

export const HistoryPageSchema = Type.Object(
  {
    playerId: PlayerIdSchema,
    games: Type.Array(bare(GameRecordSchema), { maxItems: 50 }),
    /** Games kept for this player (bounded by the retention settings). */
    total: Type.Integer({ minimum: 0 }),
    offset: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false, $id: 'Realm.HistoryPage' },
);
export type HistoryPage = Static<typeof HistoryPageSchema>;

export const GameIdParamsSchema = Type.Object({ gameId: GameIdSchema }, { additionalProperties: false, $id: 'Realm.GameIdParams' });
export type GameIdParams = Static<typeof GameIdParamsSchema>;

export const TierSchema = Type.Object(
  { id: Type.String({ maxLength: 24 }), label: Type.String({ maxLength: 32 }), min: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false, $id: 'Realm.Tier' },
);
export type Tier = Static<typeof TierSchema>;

export const QueueProfileSchema = Type.Object(
  {
    queue: QueueIdSchema,
    ranked: Type.Boolean(),
    rating: Rating,
    mu: Type.Number(),
    sigma: Type.Number({ minimum: 0 }),
    /** The first games are provisional: ratings move more and no tier is shown yet. */
    provisional: Type.Boolean(),
    /** Absent while provisional or in an unranked queue. */
    tier: Type.Optional(bare(TierSchema)),
    games: Type.Integer({ minimum: 0 }),
    wins: Type.Integer({ minimum: 0 }),
    /** Recent results, newest first: W, L or D (at most 10). */
    form: Type.String({ pattern: '^[WLD]{0,10}$' }),
  },
  { additionalProperties: false, $id: 'Realm.QueueProfile' },
);
export type QueueProfile = Static<typeof QueueProfileSchema>;

export const ProfileSchema = Type.Object(
  {
    id: PlayerIdSchema,
    name: Name,
    queues: Type.Array(bare(QueueProfileSchema), { maxItems: 32 }),
    /** Whether the caller may read this player's history (self or a friend). */
    historyVisible: Type.Boolean(),
  },
  { additionalProperties: false, $id: 'Realm.Profile' },
);
export type Profile = Static<typeof ProfileSchema>;

export const LeaderboardEntrySchema = Type.Object(
  {
    position: Type.Integer({ minimum: 1 }),
    playerId: PlayerIdSchema,
    name: Name,
    rating: Rating,
    tier: Type.Optional(bare(TierSchema)),
  },
  { additionalProperties: false, $id: 'Realm.LeaderboardEntry' },
);
export type LeaderboardEntry = Static<typeof LeaderboardEntrySchema>;

export const LeaderboardSchema = Type.Object(
  {
    queue: QueueIdSchema,
    entries: Type.Array(bare(LeaderboardEntrySchema), { maxItems: 100 }),
    /** The caller's own entry (also when outside the top 100); absent when unrated in this queue. */
    me: Type.Optional(bare(LeaderboardEntrySchema)),
    /** Players on this leaderboard. */
    total: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false, $id: 'Realm.Leaderboard' },
);
export type Leaderboard = Static<typeof LeaderboardSchema>;

export const QueueParamsSchema = Type.Object({ queue: QueueIdSchema }, { additionalProperties: false, $id: 'Realm.QueueParams' });
export type QueueParams = Static<typeof QueueParamsSchema>;
