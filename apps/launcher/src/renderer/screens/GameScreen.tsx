import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context.js';
import { Alert, Button } from '../components/ui.js';
import { formatClock } from '../components/format.js';
import { useNow } from '../components/useNow.js';

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
  const { launch, setView } = useApp(useShallow((s) => ({ launch: s.launchGame, setView: s.setView })));
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
            <h1>Everyone accepted</h1>
            <p className="muted">Waiting for a free game server{pending ? ` (up to ${formatClock(pending.until - now)} more)` : ''}…</p>
          </>
        )}
        {phase === 'launching' && (
          <>
            <span className="spinner spinner-lg" aria-hidden="true" />
            <h1>Launching the game…</h1>
            <p className="muted">Starting Onyx and connecting to the game server.</p>
          </>
        )}
        {phase === 'in-game' && onyx.status === 'running' && (
          <>
            <span className="game-badge">In game</span>
            <h1>Good luck, have fun!</h1>
            <p className="muted">The game is running ({formatClock(now - onyx.startedAt)}). Glaceon brings you back to your lobby when it ends.</p>
            {ready && (
              <p className="muted small">
                Server {ready.moonstone} · game {ready.gameId}
              </p>
            )}
          </>
        )}
        {phase === 'failed' && (
          <>
            <h1>The game could not start</h1>
            <Alert tone="error">{failure?.message ?? 'Onyx failed to start.'}</Alert>
            <div className="row-center">
              <Button variant="primary" onClick={() => void launch()}>
                Try again
              </Button>
              <Button onClick={() => setView('settings')}>Open settings</Button>
            </div>
          </>
        )}
        {(phase === 'crashed' || phase === 'left') && onyx.status === 'exited' && (
          <>
            <h1>{phase === 'crashed' ? 'The game closed unexpectedly' : 'You left the game'}</h1>
            <p className="muted">
              {phase === 'crashed'
                ? onyx.signal
                  ? `Onyx was stopped by signal ${onyx.signal}.`
                  : `Onyx exited with code ${onyx.code}.`
                : 'Onyx closed, but the match is still going.'}{' '}
              You can rejoin while the game lasts.
            </p>
            {onyx.lastLines.length > 0 && (
              <figure className="log-tail">
                <figcaption className="muted small">Last lines from Onyx</figcaption>
                <pre>{onyx.lastLines.slice(-8).join('\n')}</pre>
              </figure>
            )}
            <p className="muted small log-path">
              Full log: <code>{onyx.logPath}</code>
            </p>
            <div className="row-center">
              <Button variant="primary" onClick={() => void launch()}>
                Rejoin game
              </Button>
              <Button variant="ghost" onClick={openLog}>
                Open log file
              </Button>
            </div>
          </>
        )}
        {phase === 'not-running' && (
          <>
            <span className="game-badge">Game in progress</span>
            <h1>Your match is still running</h1>
            <p className="muted">Jump back in before it ends.</p>
            <Button variant="primary" className="btn-lg" onClick={() => void launch()}>
              Rejoin game
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
