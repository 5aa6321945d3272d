import type { LeaderboardEntry } from '@glaceon/protocol';
import { useEffect, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Alert, Button, Card, Empty, Spinner } from '../components/ui.js';
import { useApp } from '../store/context.js';
import { useQueueList } from '../components/queues.js';
import { queueName } from '../store/catalog-slice.js';
import '../styles/progression.css';
import { t } from '../strings.js';

function Row({ entry, me, onOpen }: { entry: LeaderboardEntry; me: string | undefined; onOpen: (id: string) => void }) {
  const mine = entry.playerId === me;
  return (
    <tr className={mine ? 'is-me' : undefined} aria-current={mine ? 'true' : undefined}>
      <td className="num">{t.leaderboard.position(entry.position)}</td>
      <td>
        <button type="button" className="link" onClick={() => onOpen(entry.playerId)}>
          {entry.name}
        </button>
        {mine && <span className="badge badge-you">{t.leaderboard.you}</span>}
      </td>
      <td className="num">{entry.rating}</td>
      <td>{entry.tier && <span className={`badge tier tier-${entry.tier.id}`}>{entry.tier.label}</span>}</td>
    </tr>
  );
}

/** The leaderboard of each ranked queue: the top 100 and your own position. */
export function LeaderboardScreen() {
  const me = useApp((s) => s.session.me?.id);
  const { board, openLeaderboard, openProfile } = useApp(
    useShallow((s) => ({ board: s.progression.leaderboard, openLeaderboard: s.openLeaderboard, openProfile: s.openProfile })),
  );
  const queues = useQueueList();
  const ranked = queues.filter((q) => q.ranked).map((q) => q.id);
  useEffect(() => {
    if (!board.data && !board.loading && !board.error) void openLeaderboard(board.queue);
  }, [board.data, board.loading, board.error, board.queue, openLeaderboard]);
  const data = board.data;
  const inTop = data?.me && data.entries.some((e) => e.playerId === data.me?.playerId);
  // Arrow keys move between the queue tabs (the tablist pattern).
  const onKey = (event: KeyboardEvent) => {
    const i = ranked.indexOf(board.queue);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step || ranked.length === 0) return;
    event.preventDefault();
    const next = ranked[(i + step + ranked.length) % ranked.length] as string;
    void openLeaderboard(next);
    document.getElementById(`lb-tab-${next}`)?.focus();
  };
  return (
    <div className="screen">
      <header className="screen-header row-between">
        <h1>{t.leaderboard.title}</h1>
        <Button onClick={() => void openLeaderboard(board.queue)} busy={board.loading}>
          {t.leaderboard.refresh}
        </Button>
      </header>
      <div className="tabs" role="tablist" aria-label={t.leaderboard.queueTabs} onKeyDown={onKey}>
        {ranked.map((q) => (
          <button
            key={q}
            id={`lb-tab-${q}`}
            type="button"
            role="tab"
            aria-selected={board.queue === q}
            tabIndex={board.queue === q ? 0 : -1}
            className={`tab ${board.queue === q ? 'is-active' : ''}`}
            onClick={() => void openLeaderboard(q)}
          >
            {queueName(queues, q)}
          </button>
        ))}
      </div>
      {board.error && <Alert tone="error">{board.error}</Alert>}
      {!data && board.loading && <Spinner label={t.leaderboard.loading} />}
      {data && (
        <Card title={t.leaderboard.cardTitle(queueName(queues, board.queue), data.total)}>
          {data.me ? (
            <p className="my-position">
              {t.leaderboard.yourPosition} <strong>{t.leaderboard.position(data.me.position)}</strong>
              {t.leaderboard.yourRating(data.me.rating)}
            </p>
          ) : (
            <p className="muted">{t.leaderboard.playToAppear}</p>
          )}
          {data.entries.length === 0 ? (
            <Empty title={t.leaderboard.emptyTitle}>{t.leaderboard.emptyBody}</Empty>
          ) : (
            <table className="leaderboard" aria-label={t.leaderboard.table}>
              <thead>
                <tr>
                  <th scope="col">{t.leaderboard.rank}</th>
                  <th scope="col">{t.leaderboard.player}</th>
                  <th scope="col">{t.leaderboard.rating}</th>
                  <th scope="col">{t.leaderboard.tier}</th>
                </tr>
              </thead>
              <tbody>
                {data.entries.map((e) => (
                  <Row key={e.playerId} entry={e} me={me} onOpen={(id) => void openProfile(id)} />
                ))}
                {data.me && !inTop && (
                  <>
                    <tr className="gap" aria-hidden="true">
                      <td colSpan={4}>…</td>
                    </tr>
                    <Row entry={data.me} me={me} onOpen={(id) => void openProfile(id)} />
                  </>
                )}
              </tbody>
            </table>
          )}
        </Card>
      )}
    </div>
  );
}
