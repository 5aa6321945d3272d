import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context.js';
import { GameTeams } from './GameTeams.js';
import { formatDelta, myEntry } from './progression-format.js';
import { Button, Card, Spinner } from './ui.js';
import '../styles/progression.css';
import { t } from '../strings.js';

/** After a game: your rating change and both teams, from the game's record in Realm. */
export function GameResult() {
  const gameId = useApp((s) => s.game.lastResult?.gameId ?? null);
  const me = useApp((s) => s.session.me?.id);
  const { result, loadResult } = useApp(useShallow((s) => ({ result: s.progression.result, loadResult: s.loadResult })));
  useEffect(() => {
    if (gameId) void loadResult(gameId);
  }, [gameId, loadResult]);
  if (!gameId) return null;
  const record = result.gameId === gameId ? result.data : null;
  const mine = record ? myEntry(record, me) : undefined;
  return (
    <Card title={t.result.title} className="game-result">
      {!record && result.loading && <Spinner label={t.result.loading} />}
      {!record && result.error && (
        <div className="row-between">
          <span className="muted">{t.result.loadFailed(result.error)}</span>
          <Button onClick={() => void loadResult(gameId)}>{t.result.tryAgain}</Button>
        </div>
      )}
      {record && (
        <>
          {mine?.player.delta !== undefined && mine.player.after ? (
            <p className="rating-summary">
              {t.result.rating} <strong className={`delta ${mine.player.delta >= 0 ? 'delta-up' : 'delta-down'}`}>{formatDelta(mine.player.delta)}</strong>{' '}
              <span className="muted">{t.result.ratingNow(mine.player.after.rating)}</span>
            </p>
          ) : (
            <p className="muted">{record.rated ? t.result.ratingUnchanged : t.result.notRated}</p>
          )}
          <GameTeams record={record} me={me} />
        </>
      )}
    </Card>
  );
}
