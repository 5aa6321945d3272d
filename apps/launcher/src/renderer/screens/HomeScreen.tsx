import { useState, type FormEvent } from 'react';
import { parseInviteInput } from '../../common/index.js';
import { Alert, Card } from '../components/ui.js';
import { NetButton } from '../components/NetButton.js';
import { t } from '../strings.js';
import { ResultBanner } from '../components/ResultBanner.js';
import { useApp } from '../store/context.js';
import { useQueueList } from '../components/queues.js';

export function HomeScreen() {
  const name = useApp((s) => s.session.me?.name ?? '');
  const fresh = useApp((s) => s.session.fresh);
  const busy = useApp((s) => s.lobby.busy);
  const error = useApp((s) => s.lobby.error);
  const createLobby = useApp((s) => s.createLobby);
  const proposeJoin = useApp((s) => s.proposeJoin);
  const queues = useQueueList();
  const [picked, setMode] = useState<string | null>(null);
  // Until the player picks, the second queue Realm lists (the old default, 2v2), else the first.
  const mode = picked ?? queues[1]?.id ?? queues[0]?.id ?? null;
  const [invite, setInvite] = useState('');
  const [inviteError, setInviteError] = useState<string | null>(null);

  const join = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseInviteInput(invite);
    if (!parsed.ok) return setInviteError(t.home.inviteInvalid);
    setInviteError(null);
    void proposeJoin(parsed.value);
  };

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>{fresh ? t.session.welcomeNew(name) : t.session.welcomeBack(name)}</h1>
        <p className="muted">{fresh ? t.session.welcomeNewHint : t.session.welcomeBackHint}</p>
      </header>
      <ResultBanner />
      {error && <Alert tone="error">{error}</Alert>}
      <Card title={t.home.startLobby}>
        <div className="mode-grid" role="radiogroup" aria-label={t.home.gameMode}>
          {queues.length === 0 && <p className="muted">{t.home.loadingQueues}</p>}
          {queues.map(({ id, name, description }) => (
            <button
              key={id}
              type="button"
              role="radio"
              aria-checked={mode === id}
              className={`mode-card ${mode === id ? 'is-selected' : ''}`}
              onClick={() => setMode(id)}
            >
              <span className="mode-name">{name}</span>
              <span className="mode-blurb">{description}</span>
            </button>
          ))}
        </div>
        <div className="row-end">
          <NetButton variant="primary" busy={busy} disabled={mode === null} onClick={() => mode && void createLobby(mode)}>
            {t.home.createLobby}
          </NetButton>
        </div>
      </Card>
      <Card title={t.home.joinTitle}>
        <form className="inline-form" onSubmit={join}>
          <label className="field grow">
            <span className="field-label">{t.home.inviteField}</span>
            <input value={invite} onChange={(e) => setInvite(e.target.value)} placeholder={t.home.invitePlaceholder} spellCheck={false} />
          </label>
          <NetButton type="submit">{t.home.join}</NetButton>
        </form>
        {inviteError && <Alert tone="error">{inviteError}</Alert>}
      </Card>
    </div>
  );
}
