import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { GameIdSchema, LobbyIdSchema, PlayerIdSchema, PrematchIdSchema, QueueTicketIdSchema, ServerIdSchema } from '../common/ids.js';
import { QueueSlotIdSchema as QueueModeIdSchema } from './slot.js';
import { FleetAddressSchema } from '../fleet/shared.js';
import { IDLE_REASONS } from '../realm/lobby.js';

/**
 * Queue events: what the matchmaking Lua scripts publish (SPUBLISH, at-most-once) on the
 * mode's sharded channel after each transition, for every Coral of that mode. A hint to be
 * fast, never the state (the truth is in the `{q:<mode>}` keys). Published by
 * packages/store/lua (mm-publish.lua and its callers), decoded by @glaceon/store's
 * `parseQueueEvent`; cjson writes an empty array as `{}`, which the store turns back into
 * `[]` before validating.
 */

/** Every player of the entry / prematch / game; bounded by the biggest mode (8 teams of 16). */
const Players = Type.Array(PlayerIdSchema, { maxItems: 256 });
/** Milliseconds since the epoch, as the script was given it. */
const Millis = Type.Number();
/** A tombstoned entry may have lost its lobby field: the scripts then write ''. */
const EntryLobbyId = Type.Union([LobbyIdSchema, Type.Literal('')]);

const event = <T extends string, P extends TProperties>(type: T, $id: string, description: string, properties: P) =>
  Type.Object({ type: Type.Literal(type), mode: QueueModeIdSchema, ...properties }, { additionalProperties: false, $id, description });

export const QueueQueuedEventSchema = event('queued', 'Queue.Queued', 'A lobby entered the queue.', {
  ticket: QueueTicketIdSchema,
  lobbyId: LobbyIdSchema,
  players: Players,
  queuedAt: Millis,
  /** Players in this mode's queue right after this entry (so the first queue.status is exact). */
  searching: Type.Optional(Type.Integer()),
});
export const QueueLeftEventSchema = event(
  'left',
  'Queue.Left',
  'A queue entry ended without a game (cancel, decline, timeout, host away, server lost, game over): its lobby goes idle.',
  {
    ticket: QueueTicketIdSchema,
    lobbyId: EntryLobbyId,
    players: Players,
    reason: Type.Union(IDLE_REASONS.map((r) => Type.Literal(r))),
    /** Who caused it, when someone did: the member who cancelled, the player(s) of this entry who declined or did not accept. */
    by: Type.Optional(Players),
  },
);
export const QueueRequeuedEventSchema = event(
  'requeued',
  'Queue.Requeued',
  'Someone else failed the ready check: this entry is back in the queue with its original queue time.',
  {
    ticket: QueueTicketIdSchema,
    lobbyId: EntryLobbyId,
    players: Players,
    queuedAt: Millis,
  },
);
export const QueuePrematchEventSchema = event('prematch', 'Queue.Prematch', 'The leader claimed a match: the ready check starts.', {
  pm: PrematchIdSchema,
  players: Players,
  deadline: Millis,
});
export const QueueAcceptedEventSchema = event('accepted', 'Queue.Accepted', 'A player accepted the ready check; `accepted` lists everyone who has so far.', {
  pm: PrematchIdSchema,
  players: Players,
  accepted: Players,
});
export const QueueReadyFailedEventSchema = event('ready_failed', 'Queue.ReadyFailed', 'The ready check failed (a decline, the deadline, or a cancel).', {
  pm: PrematchIdSchema,
  players: Players,
  reason: Type.Union([Type.Literal('declined'), Type.Literal('timeout'), Type.Literal('cancelled')]),
  /** Who failed it: the player who declined, those who did not accept in time, or the member who cancelled. */
  by: Type.Optional(Players),
});
export const QueueGameCreatingEventSchema = event('game_creating', 'Queue.GameCreating', 'Everyone accepted: a game server is being allocated.', {
  pm: PrematchIdSchema,
  gameId: GameIdSchema,
  players: Players,
});
export const QueueGameReadyEventSchema = event('game_ready', 'Queue.GameReady', 'The game has a server: players may join it.', {
  pm: PrematchIdSchema,
  gameId: GameIdSchema,
  serverId: ServerIdSchema,
  address: FleetAddressSchema,
  players: Players,
});
export const QueueGameOverEventSchema = event('game_over', 'Queue.GameOver', 'The game ended (or its server was lost): the lobbies go idle.', {
  gameId: GameIdSchema,
  players: Players,
  reason: Type.Union([Type.Literal('game_over'), Type.Literal('server_lost')]),
});

export const queueEventSchemas = [
  QueueQueuedEventSchema,
  QueueLeftEventSchema,
  QueueRequeuedEventSchema,
  QueuePrematchEventSchema,
  QueueAcceptedEventSchema,
  QueueReadyFailedEventSchema,
  QueueGameCreatingEventSchema,
  QueueGameReadyEventSchema,
  QueueGameOverEventSchema,
] as const;
export type QueueEvent = Static<(typeof queueEventSchemas)[number]>;
export type QueueEventType = QueueEvent['type'];
