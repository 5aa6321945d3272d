/**
 * Players' measured round trips to the regions (`region.latencies`), and the home slot of a
 * lobby entering a queue that runs in regions. A report is kept per player, small and
 * bounded, for LATENCY_TTL_MS; a player who never reported (or whose report expired)
 * constrains nothing. docs/queues.md, "Regions and latency".
 */
import { latencyLimitMs } from '@glaceon/protocol';
import { keys } from '../keys.js';
import type { RedisClient } from '../redis.js';

/** How long a report is kept: the launcher measures again every few minutes. */
export const LATENCY_TTL_MS = 30 * 60_000;
export const MIN_KEPT_RTT_MS = 1;
export const MAX_KEPT_RTT_MS = 2000;
/** Regions kept per report (a queue file lists at most 32). */
export const MAX_KEPT_REGIONS = 32;

/** Region id -> round trip (ms). */
export type RegionLatencies = Record<string, number>;

export interface LatencyRules {
  maxMs: number;
  widenPerSecond: number;
  capMs: number;
}

/** Clamp each value to 1..2000 ms, drop regions not in `known`, keep the last value per region, at most 32. */
export function cleanLatencies(reported: readonly { region: string; rttMs: number }[], known: readonly string[]): RegionLatencies {
  const allowed = new Set(known);
  const out: RegionLatencies = {};
  let n = 0;
  for (const { region, rttMs } of reported) {
    if (!allowed.has(region) || !Number.isFinite(rttMs)) continue;
    if (!(region in out)) {
      if (n >= MAX_KEPT_REGIONS) continue;
      n++;
    }
    out[region] = Math.min(MAX_KEPT_RTT_MS, Math.max(MIN_KEPT_RTT_MS, Math.round(rttMs)));
  }
  return out;
}

/**
 * Keep a player's latest report (cleaned; see cleanLatencies). A report with no known region
 * deletes the kept one: the player then constrains nothing. Returns what was kept.
 */
export async function setPlayerLatencies(
  redis: RedisClient,
  playerId: string,
  reported: readonly { region: string; rttMs: number }[],
  known: readonly string[],
): Promise<RegionLatencies> {
  const clean = cleanLatencies(reported, known);
  if (Object.keys(clean).length === 0) await redis.del(keys.playerLatency(playerId));
  else await redis.set(keys.playerLatency(playerId), JSON.stringify(clean), 'PX', LATENCY_TTL_MS);
  return clean;
}

/** Every player's kept report (null: none), in one round trip (the reads are pipelined). */
export async function readPlayerLatencies(redis: RedisClient, playerIds: readonly string[]): Promise<(RegionLatencies | null)[]> {
  const raw = await Promise.all(playerIds.map((p) => redis.get(keys.playerLatency(p))));
  return raw.map(parseLatencies);
}

function parseLatencies(raw: string | null): RegionLatencies | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const out: RegionLatencies = {};
    for (const [k, v] of Object.entries(value)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    return Object.keys(out).length > 0 ? out : null;
  } catch {
    return null;
  }
}

/**
 * A lobby's worst member latency per region of the queue: null when no member reported
 * (nothing constrains it); otherwise only the regions every reporting member reported
 * (a member who reported constrains to the regions reported).
 */
export function worstLatencies(reports: readonly (RegionLatencies | null)[], regions: readonly string[]): RegionLatencies | null {
  const constraining = reports.filter((r): r is RegionLatencies => r !== null && Object.keys(r).length > 0);
  if (constraining.length === 0) return null;
  const out: RegionLatencies = {};
  for (const region of regions) {
    let worst = 0;
    let all = true;
    for (const r of constraining) {
      const v = r[region];
      if (v === undefined) {
        all = false;
        break;
      }
      worst = Math.max(worst, v);
    }
    if (all) out[region] = worst;
  }
  return out;
}

/** The lobby's worst member latency to `region` (Infinity: out of reach for good; 0: unconstrained). */
export function latencyTo(worst: RegionLatencies | null | undefined, region: string): number {
  if (!worst) return 0;
  return worst[region] ?? Infinity;
}

/**
 * The home slot's region at entry: among the regions acceptable at t = 0, the one with the most
 * players searching (ties: lowest worst-member latency, then file order); with none
 * acceptable, the region with the lowest worst-member latency (the limit widens with waiting).
 * `searching[i]` belongs to `regions[i]`.
 */
export function chooseHomeRegion(worst: RegionLatencies | null, regions: readonly string[], rules: LatencyRules, searching: readonly number[]): string {
  const limit = latencyLimitMs(rules, 0);
  let best = -1;
  for (let i = 0; i < regions.length; i++) {
    const lat = latencyTo(worst, regions[i] as string);
    if (lat > limit) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const s = searching[i] ?? 0;
    const bs = searching[best] ?? 0;
    if (s > bs || (s === bs && lat < latencyTo(worst, regions[best] as string))) best = i;
  }
  if (best >= 0) return regions[best] as string;
  let nearest = 0;
  for (let i = 1; i < regions.length; i++) if (latencyTo(worst, regions[i] as string) < latencyTo(worst, regions[nearest] as string)) nearest = i;
  return regions[nearest] as string;
}
