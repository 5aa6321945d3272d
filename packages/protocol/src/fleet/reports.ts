import { Type, type Static } from '@sinclair/typebox';
import { FleetGameIdSchema, FleetPlayerIdSchema, FleetServerIdSchema, FleetTeamSchema } from './shared.js';

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

export const fleetReportSchemas = [FleetPlayerConnectedSchema, FleetPlayerNoShowSchema, FleetPlayerLeftSchema, FleetGameEndReportSchema] as const;
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

/** Why a game ended, as Coral's hooks and Redis record it. */
/** `timeout`: Coral ended it at the mode's maximum game length (the server never reported an end). */
export type FleetGameEndReason = 'completed' | 'abandoned' | 'server_lost' | 'timeout';
