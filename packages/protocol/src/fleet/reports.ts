import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { FleetErrorSchema, FleetGameIdSchema, FleetPlayerIdSchema, FleetServerIdSchema, FleetTeamSchema } from './shared.js';

/**
 * `POST /v1/fleet/games/:gameId/events` (Moonstone -> Coral, server credential):
 * what happened in a game. Idempotent: repeating a report changes nothing.
 * Send a game's reports in order, one at a time, retrying the head until it
 * is answered (2xx, or a 4xx that says it will never succeed).
 */
const player = (type: 'player.connected' | 'player.noshow' | 'player.left', $id: string, description: string) =>
  Type.Object({ type: Type.Literal(type), serverId: FleetServerIdSchema, playerId: FleetPlayerIdSchema }, { additionalProperties: false, $id, description });

export const FleetPlayerConnectedSchema = player(
  'player.connected',
  'Fleet.PlayerConnected',
  'A rostered player connected (or reconnected) with a valid ticket.',
);
export const FleetPlayerNoShowSchema = player('player.noshow', 'Fleet.PlayerNoShow', 'A rostered player did not connect before the join deadline.');
export const FleetPlayerLeftSchema = player(
  'player.left',
  'Fleet.PlayerLeft',
  "A connected player's connection ended (they may reconnect while the game runs).",
);

export const FleetGameEndReportSchema = Type.Object(
  {
    type: Type.Literal('game.ended'),
    serverId: FleetServerIdSchema,
    /** completed: played to the end (ratings change). abandoned: nobody left to play (no rating change). */
    reason: Type.Union([Type.Literal('completed'), Type.Literal('abandoned')]),
    /** The winning team of a completed game; absent on a draw or an abandoned game. */
    winningTeam: Type.Optional(FleetTeamSchema),
  },
  { additionalProperties: false, $id: 'Fleet.GameEnded' },
);

const singleReportSchemas = [FleetPlayerConnectedSchema, FleetPlayerNoShowSchema, FleetPlayerLeftSchema, FleetGameEndReportSchema] as const;
export type FleetSingleReport = Static<(typeof singleReportSchemas)[number]>;

/** A schema embedded in another without its `$id`, so the batch's JSON Schema stays self-contained. */
const inline = <T extends TProperties>(schema: TObject<T>): TObject<T> => Type.Object(schema.properties, { additionalProperties: false });

/** Most reports one batch may carry (a game's roster is at most 8 teams of 16, but a batch is one game's backlog). */
export const MAX_REPORTS_PER_BATCH = 32;

/**
 * Several reports of one game in one request, in the order they happened (coral-perf-004): a
 * game that ends with no-shows is one request instead of one per player. Coral acts on each in
 * order exactly as if sent alone; a report it refuses is skipped and the answer is that first
 * refusal (with the path `/reports/<index>`), the others having been applied. Repeating a
 * batch changes nothing, like repeating a report.
 */
export const FleetReportBatchSchema = Type.Object(
  {
    type: Type.Literal('reports'),
    serverId: FleetServerIdSchema,
    reports: Type.Array(
      Type.Union([inline(FleetPlayerConnectedSchema), inline(FleetPlayerNoShowSchema), inline(FleetPlayerLeftSchema), inline(FleetGameEndReportSchema)]),
      {
        minItems: 1,
        maxItems: MAX_REPORTS_PER_BATCH,
      },
    ),
  },
  { additionalProperties: false, $id: 'Fleet.ReportBatch' },
);

export const fleetReportSchemas = [...singleReportSchemas, FleetReportBatchSchema] as const;

/** Most games one `POST /v1/fleet/reports` may carry. */
export const MAX_GAMES_PER_REPORT = 64;

/**
 * `POST /v1/fleet/reports` (Moonstone -> Coral, server credential): the reports of several
 * games in one request (coral-perf-011). Each game's reports are acted on in order, exactly
 * as `POST /v1/fleet/games/:gameId/events` would with the same reports; games are independent
 * of each other. A game may appear once. A server may keep using the per-game route: this one
 * only saves requests when many games end at once.
 */
export const FleetGamesReportSchema = Type.Object(
  {
    serverId: FleetServerIdSchema,
    games: Type.Array(
      Type.Object(
        {
          gameId: FleetGameIdSchema,
          reports: Type.Array(
            Type.Union([inline(FleetPlayerConnectedSchema), inline(FleetPlayerNoShowSchema), inline(FleetPlayerLeftSchema), inline(FleetGameEndReportSchema)]),
            { minItems: 1, maxItems: MAX_REPORTS_PER_BATCH },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_GAMES_PER_REPORT },
    ),
  },
  { additionalProperties: false, $id: 'Fleet.GamesReport' },
);
export type FleetGamesReport = Static<typeof FleetGamesReportSchema>;
export type FleetReport = Static<(typeof fleetReportSchemas)[number]>;
export type FleetPlayerEventKind = 'connected' | 'noshow' | 'left';

/** The 200 answer to a report. */
export const FleetReportAckSchema = Type.Object(
  {
    gameId: FleetGameIdSchema,
    state: Type.Union([Type.Literal('running'), Type.Literal('ended')]),
    /** true when this report changed nothing (already known, or the game is already over). */
    duplicate: Type.Boolean(),
  },
  { additionalProperties: false, $id: 'Fleet.ReportAck' },
);
export type FleetReportAck = Static<typeof FleetReportAckSchema>;

/**
 * The 200 answer to `POST /v1/fleet/reports`: per game, in the request's order, the status and
 * body the per-game route would have answered (an ack, or a typed error). A server treats each
 * like that answer: 2xx done, 5xx or 429 retry that game's reports, another 4xx drop them.
 */
export const FleetGamesReportAnswerSchema = Type.Object(
  {
    results: Type.Array(
      Type.Object(
        {
          gameId: FleetGameIdSchema,
          status: Type.Integer({ minimum: 200, maximum: 599 }),
          body: Type.Union([
            Type.Object(FleetReportAckSchema.properties, { additionalProperties: false }),
            Type.Object(FleetErrorSchema.properties, { additionalProperties: false }),
          ]),
        },
        { additionalProperties: false },
      ),
      { maxItems: MAX_GAMES_PER_REPORT },
    ),
  },
  { additionalProperties: false, $id: 'Fleet.GamesReportAnswer' },
);
export type FleetGamesReportAnswer = Static<typeof FleetGamesReportAnswerSchema>;

/** Why a game ended, as Coral's hooks and Redis record it. */
/** `timeout`: Coral ended it at the mode's maximum game length (the server never reported an end). */
export type FleetGameEndReason = 'completed' | 'abandoned' | 'server_lost' | 'timeout';
