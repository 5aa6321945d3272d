import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context.js';
import { selectNetworkDown } from '../store/network.js';
import { t } from '../strings.js';
import { useNow } from './useNow.js';

/**
 * Full width, above everything: Glaceon's servers cannot be reached (with the countdown to
 * the next try and "Retry now"), or what is shown is from before a reload and not yet
 * confirmed. One model (store/network.ts) drives this and the disabled buttons.
 */
export function OutageBanner() {
  const down = useApp(selectNetworkDown);
  const { retryAt, stale } = useApp(useShallow((s) => ({ retryAt: s.connection.retryAt, stale: s.connection.stale })));
  const retryNow = useApp((s) => s.retryNow);
  const now = useNow(500);
  if (!down && !stale) return null;
  const seconds = retryAt === null ? null : Math.max(0, Math.ceil((retryAt - now) / 1000));
  return (
    <div className={`outage ${down ? 'outage-down' : 'outage-stale'}`} id="outage-banner" role="status" aria-live="polite">
      <span className="outage-text">
        {down ? (seconds === null || seconds === 0 ? t.outage.retrying : t.outage.retryIn(seconds)) : t.outage.staleOnly}
        {down && stale && <span className="outage-sub"> {t.outage.stale}</span>}
      </span>
      {down && (
        <button type="button" className="btn btn-secondary btn-sm" onClick={retryNow}>
          {t.outage.retryNow}
        </button>
      )}
    </div>
  );
}
