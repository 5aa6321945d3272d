import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CODES } from '../core/errors.js';
import { FleetEpochMsSchema, FleetGameIdSchema, FleetModeSchema, FleetPlayerIdSchema, FleetTeamSchema } from '../fleet/shared.js';

/** Moonstone -> Onyx. */

const PhaseSchema = Type.Union([Type.Literal('waiting'), Type.Literal('running')], {
  description: 'waiting: for rostered players to connect; running: the match is being played',
});

const RosterPresenceSchema = Type.Object(
  {
    playerId: FleetPlayerIdSchema,
    name: Type.String({ minLength: 1, maxLength: 64 }),
    team: FleetTeamSchema,
    connected: Type.Boolean(),
  },
  { additionalProperties: false, title: 'RosterPresence' },
);

/** The ticket was accepted. */
export const MoonstoneWelcomeSchema = Type.Object(
  {
    type: Type.Literal('welcome'),
    protocol: Type.Integer({ minimum: 1 }),
    gameId: FleetGameIdSchema,
    mode: FleetModeSchema,
    playerId: FleetPlayerIdSchema,
    team: FleetTeamSchema,
    /** true when this player had connected before (a rejoin). */
    reconnected: Type.Boolean(),
    phase: PhaseSchema,
    roster: Type.Array(RosterPresenceSchema, { maxItems: 128 }),
  },
  { additionalProperties: false, $id: 'Game.Welcome' },
);

/** Sent on every change of phase or presence. */
export const MoonstoneGameStateSchema = Type.Object(
  {
    type: Type.Literal('game.state'),
    phase: PhaseSchema,
    /** Players connected now. */
    connected: Type.Array(FleetPlayerIdSchema, { maxItems: 128 }),
    /** When the running match ends at the latest (server clock). */
    endsAt: Type.Optional(FleetEpochMsSchema),
  },
  { additionalProperties: false, $id: 'Game.State' },
);

/** The game is over; the server closes the connection (code 1000) after sending it. */
export const MoonstoneGameOverSchema = Type.Object(
  {
    type: Type.Literal('game.over'),
    gameId: FleetGameIdSchema,
    /** completed: played to the end; abandoned: every player left; server_lost: the server lost its place in the fleet or shut down. */
    reason: Type.Union([Type.Literal('completed'), Type.Literal('abandoned'), Type.Literal('server_lost')]),
    winningTeam: Type.Optional(FleetTeamSchema),
  },
  { additionalProperties: false, $id: 'Game.Over' },
);

/** Refusal or protocol error; the server closes with code 4000 + HTTP status of `code` after sending it. */
export const MoonstoneErrorSchema = Type.Object(
  {
    type: Type.Literal('error'),
    code: Type.Union(ERROR_CODES.map((c) => Type.Literal(c))),
    message: Type.String({ maxLength: 512 }),
  },
  { additionalProperties: false, $id: 'Game.Error' },
);

export const moonstoneServerSchemas = [MoonstoneWelcomeSchema, MoonstoneGameStateSchema, MoonstoneGameOverSchema, MoonstoneErrorSchema] as const;
export type MoonstoneServerMessage = Static<(typeof moonstoneServerSchemas)[number]>;
export type MoonstoneWelcome = Static<typeof MoonstoneWelcomeSchema>;
export type MoonstoneGameOver = Static<typeof MoonstoneGameOverSchema>;
