import { useApp } from '../store/context.js';
import { Alert } from '../components/ui.js';
import { NetButton } from '../components/NetButton.js';
import { formatClock, formatDuration } from '../components/format.js';
import { useQueueName } from '../components/queues.js';
import { useNow } from '../components/useNow.js';
import { t } from '../strings.js';
import type { QueueStatus } from '@glaceon/protocol';

/** The why reason in plain words, naming the lobby's region when the queue file has regions. */
export function describeWhy(why: NonNullable<QueueStatus['why']>, region: string | undefined, party: boolean): string {
  switch (why.reason) {
    case 'few_players':
      return t.queue.why.few_players(why.playersInWindow, why.playersNeeded, why.nearestGap, region);
    case 'party_cannot_fit':
      return t.queue.why.party_cannot_fit(why.playersInWindow, region);
    case 'matching':
      return t.queue.why.matching(region);
    case 'no_region_in_reach':
      return t.queue.why.no_region_in_reach(why.latencyLimitMs, why.latencyMs, party);
    case 'waiting_for_server':
      return t.queue.why.waiting_for_server(region);
  }
}

/** Shown to every member while the lobby is queued; any member can leave the queue, which stops it for the party. */
export function QueueScreen() {
  const status = useApp((s) => s.queue.status);
  const receivedAt = useApp((s) => s.queue.receivedAt);
  const notice = useApp((s) => s.queue.notice);
  const error = useApp((s) => s.queue.error);
  const busy = useApp((s) => s.queue.busy);
  const lobbyMode = useApp((s) => s.lobby.current?.mode);
  const isHost = useApp((s) => !!s.lobby.current && s.lobby.current.host === s.session.me?.id);
  const party = useApp((s) => (s.lobby.current?.members.length ?? 1) > 1);
  const cancel = useApp((s) => s.cancelQueue);
  const now = useNow(500);
  const queueName = useQueueName();
  const regionName = useApp((s) => (status?.region ? (s.catalog.regions.find((r) => r.id === status.region)?.name ?? status.region) : undefined));
  // Tick locally between the server's status messages; the server's value wins on each update.
  const elapsed = status ? status.elapsedMs + Math.max(0, now - receivedAt) : 0;
  const mode = status?.mode ?? lobbyMode ?? '';
  // The estimate for a party of this size in this region (the leader's why) when there is one, else the queue's.
  const estimate = status ? (status.why?.estimatedWaitMs ?? status.estimatedWaitMs) : null;

  return (
    <div className="screen screen-center">
      <div className="queue" aria-live="polite">
        <div className="pulse" aria-hidden="true">
          <span />
        </div>
        <h1>{t.queue.searching}</h1>
        <p className="muted">{queueName(mode)}</p>
        <p className="queue-clock" aria-label={t.queue.elapsed(formatClock(elapsed))}>
          {status ? formatClock(elapsed) : t.queue.noClock}
        </p>
        <dl className="stats">
          <div>
            <dt>{t.queue.estimatedWait}</dt>
            <dd>{status ? (estimate === null ? t.queue.estimating : t.queue.waitAbout(formatDuration(estimate))) : t.queue.unknown}</dd>
          </div>
          <div>
            <dt>{t.queue.playersSearching}</dt>
            <dd>{status ? status.playersSearching.toLocaleString() : t.queue.unknown}</dd>
          </div>
          <div>
            <dt>{t.queue.skillRange}</dt>
            <dd>{status ? t.queue.ratingWindow(status.ratingWindow) : t.queue.unknown}</dd>
          </div>
          {regionName && (
            <div className="stat-wide">
              <dt>{t.queue.region}</dt>
              <dd>{t.queue.regionValue(regionName, status?.why?.reason === 'no_region_in_reach' ? undefined : status?.why?.latencyMs)}</dd>
            </div>
          )}
        </dl>
        {status?.why && (
          <p className="muted queue-why" aria-label={t.queue.whyLabel}>
            {describeWhy(status.why, regionName, party)}
          </p>
        )}
        {notice && <Alert tone="info">{notice}</Alert>}
        {error && <Alert tone="error">{error}</Alert>}
        <NetButton variant="danger" busy={busy} onClick={() => void cancel()}>
          {isHost ? t.queue.cancel : t.queue.leave}
        </NetButton>
        {party && <p className="muted small">{t.queue.leaveHint}</p>}
      </div>
    </div>
  );
}
