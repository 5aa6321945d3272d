import { MAX_REPORTED_RTT_MS, type QueueRegion, type RegionLatency } from '@glaceon/protocol';
import { patchSlice } from './patch.js';
import type { SliceCreator } from './types.js';

/** How often the launcher measures again while it runs (queues-001 section 3: every five minutes). */
export const LATENCY_EVERY_MS = 5 * 60_000;

/** One region's latest measurement: `rttMs` null when its ping endpoint did not answer in time. */
export interface RegionMeasurement {
  rttMs: number | null;
  at: number;
}

/**
 * Round trips to each region's ping endpoint (Realm lists them with the queues), measured at
 * start, every LATENCY_EVERY_MS and on demand (Settings), and reported to Coral
 * (`region.latencies`) after each measurement and after every Coral welcome. With a region chosen
 * in Settings only that region is reported, so Coral matches the player there; Automatic reports
 * every region that answered. A Coral that does not know the message yet answers an error or
 * nothing: the report is then simply not confirmed, nothing else changes.
 */
export interface LatencySlice {
  latency: {
    byRegion: Record<string, RegionMeasurement>;
    measuring: boolean;
    /** When the last full measurement ended (local clock). */
    measuredAt: number | null;
    /** The last report Coral acknowledged (null until one was). */
    reported: RegionLatency[] | null;
  };
  /** Measure every region with a ping endpoint (one socket each, in parallel); then report. A call while one runs joins it. */
  measureLatencies(): Promise<void>;
  /** Send what should be reported now (see above) to Coral, if connected and there is anything to say. */
  reportLatencies(): Promise<void>;
  /** '' = Automatic. Saved in the settings (kept across restarts); reported at once. */
  chooseRegion(region: string): Promise<boolean>;
}

export const initialLatency: LatencySlice['latency'] = { byRegion: {}, measuring: false, measuredAt: null, reported: null };

/** The chosen region if the server still lists it; '' (Automatic) otherwise (a region removed from the queue file). */
export function effectiveRegion(regions: readonly QueueRegion[], chosen: string): string {
  return regions.some((r) => r.id === chosen) ? chosen : '';
}

/** What to tell Coral: the chosen region alone (once measured), else every region that answered. */
export function latenciesToReport(regions: readonly QueueRegion[], byRegion: Record<string, RegionMeasurement>, chosenSetting: string): RegionLatency[] {
  const chosen = effectiveRegion(regions, chosenSetting);
  const known = regions.filter((r) => byRegion[r.id]?.rttMs != null && (chosen === '' || r.id === chosen));
  return known.map((r) => ({ region: r.id, rttMs: Math.min(MAX_REPORTED_RTT_MS, Math.max(0, Math.round(byRegion[r.id]!.rttMs!))) }));
}

export const createLatencySlice: SliceCreator<LatencySlice> =
  ({ backend, bridge, now, latencyEveryMs }) =>
  (set, get) => {
    let running: Promise<void> | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const every = latencyEveryMs ?? LATENCY_EVERY_MS;

    async function measure(): Promise<void> {
      clearTimeout(timer);
      const targets = get().catalog.regions.filter((r): r is QueueRegion & { pingUrl: string } => typeof r.pingUrl === 'string');
      if (targets.length === 0) return;
      patchSlice(set, 'latency', { measuring: true });
      const results = await Promise.all(targets.map(async (r) => ({ id: r.id, rttMs: await backend.measureRegion(r.pingUrl).catch(() => null) })));
      const at = now();
      patchSlice(set, 'latency', (l) => ({
        measuring: false,
        measuredAt: at,
        byRegion: { ...l.byRegion, ...Object.fromEntries(results.map((r) => [r.id, { rttMs: r.rttMs, at }])) },
      }));
      timer = setTimeout(() => void get().measureLatencies(), every);
      await get().reportLatencies();
    }

    return {
      latency: initialLatency,
      measureLatencies() {
        running ??= measure().finally(() => (running = null));
        return running;
      },
      async reportLatencies() {
        if (get().connection.coral !== 'online') return;
        const chosen = get().settings.values?.region ?? '';
        const latencies = latenciesToReport(get().catalog.regions, get().latency.byRegion, chosen);
        // Nothing measured yet (or the chosen region did not answer): a report would say "no constraint"; wait for a measurement.
        if (latencies.length === 0) return;
        try {
          await backend.reportLatencies(latencies);
          patchSlice(set, 'latency', { reported: latencies });
        } catch {
          // Not confirmed (a Coral without regions, or a dropped socket): the next welcome or measurement sends it again.
        }
      },
      async chooseRegion(region) {
        const result = await bridge.updateSettings({ region });
        if (!result.ok) {
          patchSlice(set, 'settings', { error: result.error.message });
          return false;
        }
        patchSlice(set, 'settings', { values: result.value, error: null });
        await get().reportLatencies();
        return true;
      },
    };
  };
