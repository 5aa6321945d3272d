import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context.js';
import { effectiveRegion } from '../store/latency-slice.js';
import { Button } from './ui.js';
import { t } from '../strings.js';

/** A region's latency as shown beside its name. */
function latencyText(measurement: { rttMs: number | null } | undefined, measuring: boolean): string {
  if (!measurement) return measuring ? t.latency.measuring : t.latency.notMeasured;
  return measurement.rttMs === null ? t.latency.noAnswer : t.latency.ms(measurement.rttMs);
}

/**
 * Settings → Region: every region Realm lists with the round trip measured to it, Automatic or
 * one chosen region (saved at once, kept across restarts), and "Measure again". Hidden when the
 * server lists no regions.
 */
export function RegionPicker() {
  const regions = useApp((s) => s.catalog.regions);
  const { byRegion, measuring, measuredAt } = useApp(useShallow((s) => s.latency));
  // A region the server no longer lists counts as Automatic (what is reported, too).
  const chosen = useApp((s) => effectiveRegion(s.catalog.regions, s.settings.values?.region ?? ''));
  const measure = useApp((s) => s.measureLatencies);
  const choose = useApp((s) => s.chooseRegion);
  const [saved, setSaved] = useState<string | null>(null);
  // The choice shows at once; the saved value takes over when the settings answer (a refusal puts it back).
  const [pending, setPending] = useState<string | null>(null);
  if (regions.length === 0) return null;
  const selected = pending ?? chosen;

  const pick = async (region: string) => {
    setSaved(null);
    setPending(region);
    const ok = await choose(region);
    setPending(null);
    if (ok) setSaved(region === '' ? t.latency.savedAutomatic : t.latency.savedRegion(regions.find((r) => r.id === region)?.name ?? region));
  };

  return (
    <div className="region-picker">
      <p className="field-hint" id="region-hint">
        {t.latency.hint}
      </p>
      <fieldset className="field" aria-describedby="region-hint">
        <legend className="field-label">{t.latency.legend}</legend>
        <label className="radio">
          <input type="radio" name="region" value="" checked={selected === ''} onChange={() => void pick('')} />
          <span>
            {t.latency.automatic} <span className="muted">{t.latency.automaticNote}</span>
          </span>
        </label>
        {regions.map((r) => {
          const latency = latencyText(byRegion[r.id], measuring);
          return (
            <label className="radio region-row" key={r.id}>
              <input
                type="radio"
                name="region"
                value={r.id}
                checked={selected === r.id}
                aria-label={t.latency.regionLabel(r.name, latency)}
                onChange={() => void pick(r.id)}
              />
              <span className="region-name">{r.name}</span>
              <span className="region-latency muted" data-region={r.id}>
                {latency}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="row" role="status" aria-live="polite">
        <span className="muted small">
          {measuring ? t.latency.measuring : measuredAt !== null ? t.latency.measuredAt(new Date(measuredAt).toLocaleTimeString()) : ''}
          {saved ? ` ${saved}` : ''}
        </span>
      </div>
      <div className="row-end">
        <Button busy={measuring} onClick={() => void measure()}>
          {t.latency.measureAgain}
        </Button>
      </div>
    </div>
  );
}
