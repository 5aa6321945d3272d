import { Type, type Static } from '@sinclair/typebox';
import { LobbyIdSchema } from '../common/ids.js';
import { LobbyChatLineSchema } from './chat.js';

/**
 * Messages on Realm's per-player pub/sub channel (Redis, `realm:player:<id>`),
 * published by Realm and Coral (via @glaceon/store), consumed by whichever
 * Realm instance holds that player's event socket. Validated when read.
 */
export const RealmBusMessageSchema = Type.Union(
  [
    /** Forward this server->client event to the player's sockets (validated against the event schemas by the receiver). */
    Type.Object({ kind: Type.Literal('event'), event: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: false }),
    /**
     * A lobby the player is (or was) in changed: re-read it, push `lobby.updated`, recompute presence.
     * `line`: a chat line written with the change (the host started the queue), pushed first as `chat.line`.
     */
    Type.Object(
      {
        kind: Type.Literal('lobby'),
        lobbyId: LobbyIdSchema,
        reason: Type.Optional(Type.Union([Type.Literal('kicked'), Type.Literal('left'), Type.Literal('closed'), Type.Literal('changed')])),
        line: Type.Optional(LobbyChatLineSchema),
      },
      { additionalProperties: false },
    ),
    /** The friends graph changed: push a fresh `friends.updated`. */
    Type.Object({ kind: Type.Literal('friends') }, { additionalProperties: false }),
    /** Sessions ended: close the sockets using these token hashes (or all of the player's). */
    Type.Object(
      { kind: Type.Literal('signout'), tokenHashes: Type.Union([Type.Literal('all'), Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })]) },
      { additionalProperties: false },
    ),
  ],
  { $id: 'Realm.BusMessage' },
);
export type RealmBusMessage = Static<typeof RealmBusMessageSchema>;
