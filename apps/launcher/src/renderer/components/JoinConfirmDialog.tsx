import { useEffect, useRef } from 'react';
import { useApp } from '../store/context.js';
import { useQueueName } from './queues.js';
import { Alert, Button, Spinner } from './ui.js';
import { useFocusTrap } from './useFocusTrap.js';
import { t } from '../strings.js';

/** "Join <host>'s lobby?": a deep link or a pasted invite never joins without the player saying yes. */
export function JoinConfirmDialog() {
  const pending = useApp((s) => s.lobby.pendingJoin);
  const queueName = useQueueName();
  const inLobby = useApp((s) => s.lobby.current !== null);
  const confirm = useApp((s) => s.confirmJoin);
  const dismiss = useApp((s) => s.dismissJoin);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const trapRef = useFocusTrap<HTMLDivElement>(pending?.token);
  useEffect(() => {
    if (!pending) return;
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && dismiss();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pending?.token]);
  if (!pending) return null;
  const host = pending.preview?.hostName;
  const title = host ? t.joinDialog.title(host) : t.joinDialog.titleUnknownHost;

  return (
    <div className="overlay">
      <div ref={trapRef} role="dialog" aria-modal="true" aria-labelledby="join-title" className="dialog">
        <h2 id="join-title" className="dialog-title">
          {title}
        </h2>
        {pending.loadingPreview ? (
          <Spinner label={t.joinDialog.checking} />
        ) : pending.preview ? (
          <p className="muted">{t.joinDialog.summary(queueName(pending.preview.mode), pending.preview.members)}</p>
        ) : (
          !pending.error && <p className="muted">{t.joinDialog.invitedWithLink}</p>
        )}
        {inLobby && !pending.error && <p className="muted small">{t.joinDialog.willLeave}</p>}
        {pending.error && <Alert tone="error">{pending.error}</Alert>}
        <div className="row-end">
          <Button ref={cancelRef} variant="ghost" onClick={dismiss}>
            {pending.error ? t.joinDialog.close : t.joinDialog.cancel}
          </Button>
          {!pending.error && (
            <Button variant="primary" busy={pending.joining} disabled={pending.loadingPreview} onClick={() => void confirm()}>
              {t.joinDialog.join}
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
