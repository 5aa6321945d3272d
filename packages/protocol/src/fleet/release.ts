import { Type, type Static } from '@sinclair/typebox';
import { FleetGameIdSchema, FleetPlayerIdSchema, FleetServerIdSchema } from './shared.js';

/**
 * `POST <controlUrl>/v1/games/:gameId/release` (Coral -> Moonstone, signed with the server's
 * credential like the allocation push): these players left the game for good (issue #12,
 * item 10). The server refuses (409 WRONG_STATE) if any of them is connected right now;
 * otherwise it removes them from the game: every join ticket for them is refused from then on
 * and the result counts them as left. Idempotent: releasing a released player acks again.
 * The players are one queue entry's (a lobby's party), so at most a lobby's size.
 */
export const FleetReleaseSchema = Type.Object(
  {
    serverId: FleetServerIdSchema,
    gameId: FleetGameIdSchema,
    playerIds: Type.Array(FleetPlayerIdSchema, { minItems: 1, maxItems: 16, uniqueItems: true }),
  },
  { additionalProperties: false, $id: 'Fleet.Release' },
);
export type FleetRelease = Static<typeof FleetReleaseSchema>;

/** Moonstone's 200 answer to a release: the players now out of the game (all of those asked). */
export const FleetReleaseAckSchema = Type.Object(
  {
    gameId: FleetGameIdSchema,
    released: Type.Array(FleetPlayerIdSchema, { maxItems: 16 }),
  },
  { additionalProperties: false, $id: 'Fleet.ReleaseAck' },
);
export type FleetReleaseAck = Static<typeof FleetReleaseAckSchema>;
