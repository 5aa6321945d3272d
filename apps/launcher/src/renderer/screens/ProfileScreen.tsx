import type { QueueProfile } from '@glaceon/protocol';
import { useQueueName } from '../components/queues.js';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Alert, Avatar, Button, Card, Empty, Spinner } from '../components/ui.js';
import { useApp } from '../store/context.js';
import '../styles/progression.css';
import { BlockButton } from '../components/BlockButton.js';
import { t } from '../strings.js';

const PROVISIONAL_GAMES = 5;

function Form({ form }: { form: string }) {
  if (!form) return <span className="muted small">{t.profile.noGames}</span>;
  const words = t.profile.formWords;
  return (
    <span className="form" aria-label={t.profile.recentForm([...form].map((c) => words[c]).join(', '))}>
      {[...form].map((c, i) => (
        <span key={i} className={`form-chip form-${c}`} aria-hidden="true">
          {c}
        </span>
      ))}
    </span>
  );
}

function QueueCard({ q }: { q: QueueProfile }) {
  const queueLabel = useQueueName();
  const winRate = q.games > 0 ? Math.round((100 * q.wins) / q.games) : null;
  return (
    <section className="stat-card" aria-label={t.profile.queueRating(queueLabel(q.queue))}>
      <h3 className="stat-title">{queueLabel(q.queue)}</h3>
      <p className="stat-rating">
        <span className="rating-number">{q.rating}</span>
        {q.tier ? (
          <span className={`badge tier tier-${q.tier.id}`}>{q.tier.label}</span>
        ) : q.ranked ? (
          <span className="badge tier">{t.profile.provisional(Math.min(q.games, PROVISIONAL_GAMES), PROVISIONAL_GAMES)}</span>
        ) : null}
      </p>
      <dl className="stat-grid">
        <dt>{t.profile.games}</dt>
        <dd>{q.games}</dd>
        <dt>{t.profile.wins}</dt>
        <dd>{q.wins}</dd>
        <dt>{t.profile.winRate}</dt>
        <dd>{winRate === null ? t.profile.none : t.profile.winRateValue(winRate)}</dd>
      </dl>
      <Form form={q.form} />
    </section>
  );
}

/** A player's profile: rating, tier, games, wins and recent form per queue (yours or a friend's). */
export function ProfileScreen() {
  const me = useApp((s) => s.session.me?.id);
  const { profile, openProfile, openHistory, setView } = useApp(
    useShallow((s) => ({ profile: s.progression.profile, openProfile: s.openProfile, openHistory: s.openHistory, setView: s.setView })),
  );
  const playerId = profile.playerId ?? me;
  useEffect(() => {
    if (!profile.data && !profile.loading && !profile.error) void openProfile(playerId);
  }, [profile.data, profile.loading, profile.error, openProfile, playerId]);
  const data = profile.data;
  const own = playerId === me;
  return (
    <div className="screen">
      <header className="screen-header row-between">
        <div className="profile-head">
          {data && <Avatar name={data.name} />}
          <h1>{data ? (own ? t.profile.yours : t.profile.theirs(data.name)) : t.profile.profile}</h1>
        </div>
        <div className="row-end">
          {!own && data && <BlockButton playerId={data.id} name={data.name} />}
          {!own && <Button onClick={() => void openProfile()}>{t.profile.yours}</Button>}
          <Button onClick={() => setView('play')}>{t.profile.backToPlay}</Button>
        </div>
      </header>
      {profile.error && (
        <Alert tone="error">
          {profile.error}{' '}
          <button type="button" className="link" onClick={() => void openProfile(playerId)}>
            {t.profile.tryAgain}
          </button>
        </Alert>
      )}
      {!data && profile.loading && <Spinner label={t.profile.loading} />}
      {data && (
        <>
          <div className="stat-cards">
            {data.queues.map((q) => (
              <QueueCard key={q.queue} q={q} />
            ))}
          </div>
          <Card title={t.profile.matchHistory}>
            {data.historyVisible ? (
              <div className="row-between">
                <span className="muted">{own ? t.profile.yourGames : t.profile.theirGames(data.name)}</span>
                <Button variant="primary" onClick={() => void openHistory(data.id)}>
                  {own ? t.profile.openYourHistory : t.profile.openTheirHistory(data.name)}
                </Button>
              </div>
            ) : (
              <Empty title={t.profile.privateTitle}>{t.profile.privateBody(data.name)}</Empty>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
