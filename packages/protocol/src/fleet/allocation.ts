import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { FleetGameIdSchema, FleetServerIdSchema, fleetAllocationProperties, type FleetRosterEntrySchema } from './shared.js';

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

/** A schema embedded in another without its `$id`, so the batch's JSON Schema stays self-contained. */
const inline = <T extends TProperties>(schema: TObject<T>): TObject<T> => Type.Object(schema.properties, { additionalProperties: false });

/** Most allocations one batch push may carry. */
export const MAX_ALLOCATIONS_PER_PUSH = 64;
/**
 * Most bytes of a batch push body a server must accept (64 allocations of a 16-player roster are
 * well under it; Coral splits a batch of larger rosters to stay below).
 */
export const MAX_ALLOCATION_BATCH_BYTES = 256 * 1024;

/**
 * `POST <controlUrl>/v1/games/batch` (Coral -> Moonstone, signed like the single push, the signed
 * path being the batch path): the allocations that piled up for this server while a push to it
 * was in flight, in one request (coral-perf-011). The server refuses the whole batch if any
 * allocation names another server (403, path `/allocations/<i>/serverId`); otherwise it takes
 * each in order exactly as if pushed alone. A server may implement only the single route: Coral
 * falls back to it on a 404.
 */
export const FleetAllocationBatchSchema = Type.Object(
  {
    serverId: FleetServerIdSchema,
    allocations: Type.Array(inline(FleetAllocationSchema), { minItems: 1, maxItems: MAX_ALLOCATIONS_PER_PUSH }),
  },
  { additionalProperties: false, $id: 'Fleet.AllocationBatch' },
);
export type FleetAllocationBatch = Static<typeof FleetAllocationBatchSchema>;

/** Moonstone's 200 answer to a batch push: one ack per allocation, in the batch's order. */
export const FleetAllocationBatchAckSchema = Type.Object(
  {
    results: Type.Array(inline(FleetAllocationAckSchema), { maxItems: MAX_ALLOCATIONS_PER_PUSH }),
  },
  { additionalProperties: false, $id: 'Fleet.AllocationBatchAck' },
);
export type FleetAllocationBatchAck = Static<typeof FleetAllocationBatchAckSchema>;
