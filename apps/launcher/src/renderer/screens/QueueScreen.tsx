import { useApp } from '../store/context.js';
import { Alert } from '../components/ui.js';
import { NetButton } from '../components/NetButton.js';
import { formatClock, formatDuration } from '../components/format.js';
import { useQueueName } from '../components/queues.js';
import { useNow } from '../components/useNow.js';
import { t } from '../strings.js';

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
  // Tick locally between the server's status messages; the server's value wins on each update.
  const elapsed = status ? status.elapsedMs + Math.max(0, now - receivedAt) : 0;
  const mode = status?.mode ?? lobbyMode ?? '';

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
            <dd>
              {status ? (status.estimatedWaitMs === null ? t.queue.estimating : t.queue.waitAbout(formatDuration(status.estimatedWaitMs))) : t.queue.unknown}
            </dd>
          </div>
          <div>
            <dt>{t.queue.playersSearching}</dt>
            <dd>{status ? status.playersSearching.toLocaleString() : t.queue.unknown}</dd>
          </div>
          <div>
            <dt>{t.queue.skillRange}</dt>
            <dd>{status ? t.queue.ratingWindow(status.ratingWindow) : t.queue.unknown}</dd>
          </div>
        </dl>
        {status?.why && (
          <p className="muted queue-why" aria-label={t.queue.whyLabel}>
            {status.why.reason === 'few_players'
              ? t.queue.why.few_players(status.why.playersInWindow, status.why.playersNeeded, status.why.nearestGap)
              : status.why.reason === 'party_cannot_fit'
                ? t.queue.why.party_cannot_fit(status.why.playersInWindow)
                : t.queue.why.matching()}
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
