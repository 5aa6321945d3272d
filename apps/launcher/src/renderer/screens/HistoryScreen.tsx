import type { GameRecord } from '@glaceon/protocol';
import { useQueueName } from '../components/queues.js';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { GameTeams } from '../components/GameTeams.js';
import { END_REASON_TEXT, formatDate, formatDelta, myEntry, TEAM_RESULT_TEXT } from '../components/progression-format.js';
import { formatDuration } from '../components/format.js';
import { Alert, Button, Card, Empty, Spinner } from '../components/ui.js';
import { HISTORY_PAGE_SIZE } from '../store/progression-slice.js';
import { useApp } from '../store/context.js';
import '../styles/progression.css';
import { t } from '../strings.js';

function GameRow({ game, playerId, selected, onSelect }: { game: GameRecord; playerId: string; selected: boolean; onSelect: () => void }) {
  const mine = myEntry(game, playerId);
  const outcome = mine && mine.team.result !== 'none' ? TEAM_RESULT_TEXT[mine.team.result] : END_REASON_TEXT[game.endReason];
  const mode = useQueueName()(game.queue);
  return (
    <li>
      <button type="button" className={`history-row ${selected ? 'is-selected' : ''}`} aria-expanded={selected} onClick={onSelect}>
        <span className={`history-outcome outcome-${mine?.team.result ?? 'none'}`}>{outcome}</span>
        <span className="grow">
          <span className="name">{mode}</span>
          <span className="small muted">
            {formatDate(game.endedAt)} · {formatDuration(game.durationMs)}
          </span>
        </span>
        {mine?.player.delta !== undefined && (
          <span className={`delta ${mine.player.delta > 0 ? 'delta-up' : mine.player.delta < 0 ? 'delta-down' : ''}`}>{formatDelta(mine.player.delta)}</span>
        )}
      </button>
    </li>
  );
}

/** A player's match history (yours or a friend's), newest first, with each game's details. */
export function HistoryScreen() {
  const me = useApp((s) => s.session.me?.id ?? '');
  const { history, openHistory, selectGame, openProfile } = useApp(
    useShallow((s) => ({ history: s.progression.history, openHistory: s.openHistory, selectGame: s.selectGame, openProfile: s.openProfile })),
  );
  const playerId = history.playerId ?? me;
  useEffect(() => {
    if (!history.data && !history.loading && !history.error) void openHistory(playerId, history.offset);
  }, [history.data, history.loading, history.error, openHistory, playerId, history.offset]);
  const page = history.data;
  const own = playerId === me;
  const selected = page?.games.find((g) => g.gameId === history.selected);
  const name = page ? (myEntry(page.games[0] ?? ({ teams: [] } as unknown as GameRecord), playerId)?.player.name ?? null) : null;
  return (
    <div className="screen">
      <header className="screen-header row-between">
        <h1>{own ? t.history.yours : t.history.theirs(name ?? t.history.friend)}</h1>
        <div className="row-end">
          <Button onClick={() => void openProfile(playerId)}>{own ? t.history.yourProfile : t.history.profile}</Button>
          <Button onClick={() => void openHistory(playerId, history.offset)} busy={history.loading}>
            {t.history.refresh}
          </Button>
        </div>
      </header>
      {history.error && <Alert tone="error">{history.error}</Alert>}
      {!page && history.loading && <Spinner label={t.history.loading} />}
      {page && page.games.length === 0 && (
        <Card>
          <Empty title={t.history.emptyTitle}>{t.history.emptyBody}</Empty>
        </Card>
      )}
      {page && page.games.length > 0 && (
        <div className="history-layout">
          <Card title={t.history.page(page.offset + 1, page.offset + page.games.length, page.total)}>
            <ul className="history-list" aria-label={t.history.games}>
              {page.games.map((g) => (
                <GameRow
                  key={g.gameId}
                  game={g}
                  playerId={playerId}
                  selected={g.gameId === history.selected}
                  onSelect={() => selectGame(g.gameId === history.selected ? null : g.gameId)}
                />
              ))}
            </ul>
            <div className="row-between pager">
              <Button disabled={page.offset === 0} onClick={() => void openHistory(playerId, Math.max(0, page.offset - HISTORY_PAGE_SIZE))}>
                {t.history.newer}
              </Button>
              <Button disabled={page.offset + page.games.length >= page.total} onClick={() => void openHistory(playerId, page.offset + HISTORY_PAGE_SIZE)}>
                {t.history.older}
              </Button>
            </div>
          </Card>
          <Card title={t.history.details} className="history-details">
            {selected ? (
              <>
                <p className="small muted">
                  {END_REASON_TEXT[selected.endReason]}
                  {selected.region ? ` · ${selected.region}` : ''} · {formatDate(selected.startedAt)} · {formatDuration(selected.durationMs)}
                  {selected.rated ? '' : ` · ${t.history.notRated}`}
                </p>
                <GameTeams record={selected} me={playerId} />
              </>
            ) : (
              <Empty title={t.history.pickTitle}>{t.history.pickBody}</Empty>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
