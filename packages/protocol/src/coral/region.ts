import { Type, type Static } from '@sinclair/typebox';
import { RegionIdSchema } from '../queue/config.js';
import { CoralRequestIdSchema, coralMessage } from './shared.js';

/** Highest round trip a client may report (ms); Coral clamps what it keeps to 1..2000. */
export const MAX_REPORTED_RTT_MS = 60_000;
/** Most regions one report may carry (a queue file lists at most 32). */
export const MAX_REPORTED_REGIONS = 32;

/** One measured round trip to a region's ping endpoint (the median of a few pings). */
export const RegionLatencySchema = Type.Object(
  {
    region: RegionIdSchema,
    rttMs: Type.Integer({ minimum: 0, maximum: MAX_REPORTED_RTT_MS }),
  },
  { additionalProperties: false },
);
export type RegionLatency = Static<typeof RegionLatencySchema>;

/**
 * Every player: my round trips to the regions, measured by the client (at start and every few
 * minutes). Coral keeps the latest report per player for a while and uses every member's when
 * their lobby enters the queue: the lobby is matched only in a region where every member who
 * reported is within the queue's latency limit (which widens with waiting). A player who never
 * reported constrains nothing; a player who chose one region reports only that one. Unknown
 * regions are dropped, values are clamped. Reply: `ack`.
 */
export const RegionLatenciesSchema = coralMessage(
  'region.latencies',
  {
    id: CoralRequestIdSchema,
    latencies: Type.Array(RegionLatencySchema, { maxItems: MAX_REPORTED_REGIONS }),
  },
  'Coral.RegionLatencies',
);
export type RegionLatencies = Static<typeof RegionLatenciesSchema>;
