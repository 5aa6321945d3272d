import { Type, type Static } from '@sinclair/typebox';
import { LOBBY_STATES } from '../realm/lobby.js';
import { CoralLobbyIdSchema, CoralModeIdSchema, CoralPlayerIdSchema, CoralEpochMsSchema, coralMessage } from './shared.js';

/** One lobby state machine (realm/lobby.ts): Coral's view shows the same states. */
export const CORAL_LOBBY_STATES = LOBBY_STATES;
export type CoralLobbyState = (typeof CORAL_LOBBY_STATES)[number];

/** The player's lobby as Coral sees it (a read of `lobby:{id}`). */
export const CoralLobbyViewSchema = Type.Object(
  {
    id: CoralLobbyIdSchema,
    host: CoralPlayerIdSchema,
    mode: CoralModeIdSchema,
    members: Type.Array(Type.Object({ id: CoralPlayerIdSchema, name: Type.String({ maxLength: 64 }) }, { additionalProperties: false }), { maxItems: 16 }),
    state: Type.Union(CORAL_LOBBY_STATES.map((s) => Type.Literal(s))),
    /** Why the lobby last went idle (an `IdleReason`, realm/lobby.ts; a string so a new reason never breaks old clients). */
    idleReason: Type.Optional(Type.String({ maxLength: 32 })),
    /** Who caused `idleReason` (the member who left the queue, who declined or did not accept), when someone did. */
    idleBy: Type.Optional(Type.Array(CoralPlayerIdSchema, { maxItems: 16 })),
    stateSince: Type.Optional(CoralEpochMsSchema),
    version: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type CoralLobbyView = Static<typeof CoralLobbyViewSchema>;

/** The player's lobby changed (state, members, mode), or null when the player is in no lobby. */
export const LobbyUpdatedSchema = coralMessage('lobby.updated', { lobby: Type.Union([CoralLobbyViewSchema, Type.Null()]) }, 'Coral.LobbyUpdated');
export type LobbyUpdated = Static<typeof LobbyUpdatedSchema>;
