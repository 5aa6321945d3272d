import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context.js';
import { useQueue } from './queues.js';
import { Alert, Button } from './ui.js';
import { useNow } from './useNow.js';
import { useFocusTrap } from './useFocusTrap.js';
import { t } from '../strings.js';

/** The ready check: a modal with a countdown to the server's deadline (corrected for clock skew). */
export function MatchFoundDialog() {
  const match = useApp((s) => s.game.match);
  const offset = useApp((s) => s.connection.clockOffsetMs);
  const error = useApp((s) => s.game.error);
  const { accept, decline } = useApp(useShallow((s) => ({ accept: s.acceptMatch, decline: s.declineMatch })));
  const acceptRef = useRef<HTMLButtonElement>(null);
  const trapRef = useFocusTrap<HTMLDivElement>(match?.prematchId);
  const now = useNow(200);
  const queue = useQueue(match?.mode);
  useEffect(() => {
    if (match && !match.youAccepted) acceptRef.current?.focus();
  }, [match?.prematchId]);
  if (!match) return null;

  // The ring's full length is the queue's ready-check time (until the list arrives: the time left at first sight).
  const total = queue?.readyCheckMs ?? 20_000;
  const left = Math.max(0, match.deadline - offset - now);
  const seconds = Math.ceil(left / 1000);
  const fraction = Math.min(1, left / total);

  return (
    <div className="overlay">
      <div ref={trapRef} role="alertdialog" aria-modal="true" aria-labelledby="match-title" aria-describedby="match-desc" className="dialog dialog-match">
        <p className="eyebrow">{queue?.name ?? match.mode}</p>
        <h2 id="match-title" className="dialog-title">
          {t.matchFound.title}
        </h2>
        <div className="countdown" role="timer" aria-label={t.matchFound.secondsLeft(seconds)}>
          <svg viewBox="0 0 100 100" aria-hidden="true">
            <circle cx="50" cy="50" r="44" className="ring-bg" />
            <circle cx="50" cy="50" r="44" className="ring-fg" style={{ strokeDashoffset: `${(1 - fraction) * 276.5}` }} />
          </svg>
          <span className="countdown-number">{seconds}</span>
        </div>
        <p id="match-desc" className="muted">
          {match.declined
            ? t.matchFound.youDeclined
            : match.youAccepted
              ? t.matchFound.waitingForOthers(match.accepted, match.players)
              : t.matchFound.accepted(match.accepted, match.players)}
        </p>
        <div className="accept-dots" aria-hidden="true">
          {Array.from({ length: match.players }, (_, i) => (
            <span key={i} className={i < match.accepted ? 'on' : ''} />
          ))}
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        {!match.youAccepted && !match.declined && (
          <div className="row-center">
            <Button ref={acceptRef} variant="success" className="btn-lg" busy={match.responding} onClick={() => void accept()}>
              {t.matchFound.accept}
            </Button>
            <Button variant="ghost" disabled={match.responding} onClick={() => void decline()}>
              {t.matchFound.decline}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
