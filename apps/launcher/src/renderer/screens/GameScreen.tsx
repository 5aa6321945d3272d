import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context.js';
import { Alert, Button } from '../components/ui.js';
import { formatClock } from '../components/format.js';
import { useNow } from '../components/useNow.js';
import { t } from '../strings.js';

type Phase = 'waiting-server' | 'launching' | 'in-game' | 'failed' | 'crashed' | 'left' | 'not-running';

/** Onyx's life as the player needs to know it; each phase has one message and one way forward. */
function usePhase(): Phase {
  return useApp((s) => {
    const { ready, onyx, launchError, pending } = s.game;
    if (!ready) return pending ? 'waiting-server' : 'launching';
    if (s.game.launching) return 'launching';
    if (launchError) return 'failed';
    if (onyx.status === 'running' && onyx.gameId === ready.gameId) return 'in-game';
    if (onyx.status === 'failed' && onyx.gameId === ready.gameId) return 'failed';
    if (onyx.status === 'exited' && onyx.gameId === ready.gameId) return onyx.code === 0 ? 'left' : 'crashed';
    return s.game.onyx.status === 'idle' ? 'not-running' : 'launching';
  });
}

export function GameScreen() {
  const phase = usePhase();
  const ready = useApp((s) => s.game.ready);
  const onyx = useApp((s) => s.game.onyx);
  const launchError = useApp((s) => s.game.launchError);
  const pending = useApp((s) => s.game.pending);
  const { launch, setView, leave } = useApp(useShallow((s) => ({ launch: s.launchGame, setView: s.setView, leave: s.leaveGame })));
  const leaving = useApp((s) => s.game.leaving);
  const leaveError = useApp((s) => s.game.leaveError);
  // Onyx has exited (or could not start) and the game still runs: the player may leave it for good
  // (Coral refuses while anyone of the lobby is still in the game, and says why).
  const leaveControls = (
    <>
      {leaveError && <Alert tone="error">{leaveError}</Alert>}
      <p className="muted small">{t.game.leaveHint}</p>
      <Button variant="ghost" onClick={() => void leave()} busy={leaving}>
        {leaving ? t.game.leaving : t.game.leave}
      </Button>
    </>
  );
  const now = useNow(1000);
  const openLog = () => void window.glaceon?.openOnyxLog();
  const failure = launchError ?? (onyx.status === 'failed' ? onyx.error : null);

  return (
    <div className="screen screen-center">
      <div className="game" aria-live="polite">
        {phase === 'waiting-server' && (
          <>
            <div className="pulse" aria-hidden="true">
              <span />
            </div>
            <h1>{t.game.everyoneAccepted}</h1>
            <p className="muted">{t.game.waitingForServer(pending ? formatClock(pending.until - now) : null)}</p>
          </>
        )}
        {phase === 'launching' && (
          <>
            <span className="spinner spinner-lg" aria-hidden="true" />
            <h1>{t.game.launching}</h1>
            <p className="muted">{t.game.launchingBody}</p>
          </>
        )}
        {phase === 'in-game' && onyx.status === 'running' && (
          <>
            <span className="game-badge">{t.game.inGame}</span>
            <h1>{t.game.goodLuck}</h1>
            <p className="muted">{t.game.running(formatClock(now - onyx.startedAt))}</p>
            {ready && <p className="muted small">{t.game.serverAndGame(ready.moonstone, ready.gameId)}</p>}
          </>
        )}
        {phase === 'failed' && (
          <>
            <h1>{t.game.failedTitle}</h1>
            <Alert tone="error">{failure?.message ?? t.game.failedFallback}</Alert>
            <div className="row-center">
              <Button variant="primary" onClick={() => void launch()}>
                {t.game.tryAgain}
              </Button>
              <Button onClick={() => setView('settings')}>{t.game.openSettings}</Button>
            </div>
            {ready && leaveControls}
          </>
        )}
        {(phase === 'crashed' || phase === 'left') && onyx.status === 'exited' && (
          <>
            <h1>{phase === 'crashed' ? t.game.crashedTitle : t.game.leftTitle}</h1>
            <p className="muted">
              {phase === 'crashed' ? (onyx.signal ? t.game.stoppedBySignal(onyx.signal) : t.game.exitedWithCode(onyx.code)) : t.game.leftBody}{' '}
              {t.game.canRejoin}
            </p>
            {onyx.lastLines.length > 0 && (
              <figure className="log-tail">
                <figcaption className="muted small">{t.game.lastLines}</figcaption>
                <pre>{onyx.lastLines.slice(-8).join('\n')}</pre>
              </figure>
            )}
            <p className="muted small log-path">
              {t.game.fullLog} <code>{onyx.logPath}</code>
            </p>
            <div className="row-center">
              <Button variant="primary" onClick={() => void launch()}>
                {t.game.rejoin}
              </Button>
              <Button variant="ghost" onClick={openLog}>
                {t.game.openLog}
              </Button>
            </div>
            {leaveControls}
          </>
        )}
        {phase === 'not-running' && (
          <>
            <span className="game-badge">{t.game.inProgress}</span>
            <h1>{t.game.stillRunning}</h1>
            <p className="muted">{t.game.jumpBackIn}</p>
            <Button variant="primary" className="btn-lg" onClick={() => void launch()}>
              {t.game.rejoin}
            </Button>
            {leaveControls}
          </>
        )}
      </div>
    </div>
  );
}
