import { Type, type Static } from '@sinclair/typebox';
import { CoralLobbyIdSchema, CoralModeIdSchema, CoralPlayerIdSchema, CoralEpochMsSchema } from './shared.js';

export const CORAL_LOBBY_STATES = ['idle', 'queued', 'prematch', 'ingame'] as const;
export type CoralLobbyState = (typeof CORAL_LOBBY_STATES)[number];


/** The player's lobby as Coral sees it (a read of `lobby:{id}`). */
export const CoralLobbyViewSchema = Type.Object(
  {
    id: CoralLobbyIdSchema,
    host: CoralPlayerIdSchema,
    mode: CoralModeIdSchema,
    members: Type.Array(
      Type.Object({ id: CoralPlayerIdSchema, name: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
      { maxItems: 16 },
    ),
    state: Type.Union(CORAL_LOBBY_STATES.map((s) => Type.Literal(s))),
    /** Why the lobby last went idle (cancelled, declined, timeout, game_over, member_left, host_away, server_lost; a string so a new reason never breaks old clients). */
    idleReason: Type.Optional(Type.String({ maxLength: 32 })),
    stateSince: Type.Optional(CoralEpochMsSchema),
    version: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type CoralLobbyView = Static<typeof CoralLobbyViewSchema>;

/** The player's lobby changed (state, members, mode), or null when the player is in no lobby. */
export const LobbyUpdatedSchema = Type.Object(
  {
    type: Type.Literal('lobby.updated'),
    lobby: Type.Union([CoralLobbyViewSchema, Type.Null()]),
  },
  { additionalProperties: false, $id: 'Coral.LobbyUpdated' },
);
export type LobbyUpdated = Static<typeof LobbyUpdatedSchema>;
