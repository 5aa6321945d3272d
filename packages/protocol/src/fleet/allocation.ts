import { Type, type Static } from '@sinclair/typebox';
import { FleetGameIdSchema, fleetAllocationProperties, type FleetRosterEntrySchema } from './shared.js';

/**
 * `POST <controlUrl>/v1/games` (Coral -> Moonstone, signed with the server's
 * credential, no secret sent: see auth.ts): a game was allocated to this server. Idempotent by `gameId`;
 * best effort (heartbeat answers carry the same records, so a lost push is
 * repaired within one heartbeat).
 */
export const FleetAllocationSchema = Type.Object(fleetAllocationProperties, { additionalProperties: false, $id: 'Fleet.Allocation' });
export type FleetAllocation = Static<typeof FleetAllocationSchema>;
export type FleetRosterEntry = Static<typeof FleetRosterEntrySchema>;

/** Moonstone's 200 answer to the push. */
export const FleetAllocationAckSchema = Type.Object(
  {
    gameId: FleetGameIdSchema,
    /** false when the server already knew the game (a repeated push). */
    created: Type.Boolean(),
  },
  { additionalProperties: false, $id: 'Fleet.AllocationAck' },
);
export type FleetAllocationAck = Static<typeof FleetAllocationAckSchema>;
