import { useShallow } from 'zustand/react/shallow';
import type { LinkStatus } from '../net/backend.js';
import { useApp } from '../store/context.js';
import { Avatar } from './ui.js';
import { t } from '../strings.js';
import { unreadTotal } from '../store/chat-slice.js';

const STATUS_TEXT: Record<LinkStatus, string> = t.nav.status;

function LinkRow({ label, status }: { label: string; status: LinkStatus }) {
  return (
    <div className="conn-row">
      <span className={`dot dot-${status}`} aria-hidden="true" />
      <span>
        {t.nav.linkLabel(label)} <strong>{STATUS_TEXT[status]}</strong>
      </span>
    </div>
  );
}

export function ConnectionStatus() {
  const { realm, coral, inLobby } = useApp(useShallow((s) => ({ realm: s.connection.realm, coral: s.connection.coral, inLobby: s.lobby.current !== null })));
  return (
    <div className="conn" role="status" aria-label={t.nav.connectionStatus}>
      <LinkRow label={t.nav.server} status={realm} />
      {inLobby && <LinkRow label={t.nav.matchmaking} status={coral} />}
    </div>
  );
}

export function Sidebar() {
  const me = useApp((s) => s.session.me);
  const view = useApp((s) => s.ui.view);
  const setView = useApp((s) => s.setView);
  const openProfile = useApp((s) => s.openProfile);
  const openHistory = useApp((s) => s.openHistory);
  const openLeaderboard = useApp((s) => s.openLeaderboard);
  const progression = [
    { view: 'profile', label: t.nav.profile, open: () => void openProfile() },
    { view: 'history', label: t.nav.history, open: () => void openHistory() },
    { view: 'leaderboard', label: t.nav.leaderboards, open: () => void openLeaderboard() },
  ] as const;
  const signOut = useApp((s) => s.signOut);
  const openMessages = useApp((s) => s.openMessages);
  const unread = useApp((s) => unreadTotal(s.messages.conversations));
  // Waiting on this player: friend requests to answer, and (as host) requests to join the lobby.
  const pending = useApp((s) => (s.friends.view?.incoming.length ?? 0) + (s.lobby.current?.host === s.session.me?.id ? s.lobby.joinRequests.length : 0));
  return (
    <nav className="sidebar" id="main-nav" aria-label={t.nav.main}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span>{t.app.brand}</span>
      </div>
      <ul className="nav">
        <li>
          <button
            type="button"
            className={`nav-item ${view === 'play' ? 'is-active' : ''}`}
            aria-current={view === 'play' ? 'page' : undefined}
            onClick={() => setView('play')}
            aria-describedby={pending > 0 ? 'nav-pending' : undefined}
          >
            {t.nav.play}
            {pending > 0 && (
              <span id="nav-pending" className="nav-badge" role="status" aria-label={t.nav.pending(pending)} data-testid="nav-pending">
                {pending > 99 ? '99+' : pending}
              </span>
            )}
          </button>
        </li>
        {progression.map((item) => (
          <li key={item.view}>
            <button
              type="button"
              className={`nav-item ${view === item.view ? 'is-active' : ''}`}
              aria-current={view === item.view ? 'page' : undefined}
              onClick={item.open}
            >
              {item.label}
            </button>
          </li>
        ))}
        <li>
          <button
            type="button"
            className={`nav-item ${view === 'messages' ? 'is-active' : ''}`}
            aria-current={view === 'messages' ? 'page' : undefined}
            onClick={() => void openMessages()}
          >
            {t.nav.messages}
            {unread > 0 && (
              <span className="badge badge-unread" data-testid="unread-badge" aria-label={t.nav.unread(unread)}>
                {unread}
              </span>
            )}
          </button>
        </li>
        <li>
          <button
            type="button"
            className={`nav-item ${view === 'settings' ? 'is-active' : ''}`}
            aria-current={view === 'settings' ? 'page' : undefined}
            onClick={() => setView('settings')}
          >
            {t.nav.settings}
          </button>
        </li>
      </ul>
      <div className="sidebar-foot">
        <ConnectionStatus />
        {me && (
          <div className="me">
            <Avatar name={me.name} presence="online" />
            <span className="grow name" title={me.name}>
              {me.name}
            </span>
            <button type="button" className="link small" onClick={() => void signOut()}>
              {t.nav.signOut}
            </button>
          </div>
        )}
      </div>
    </nav>
  );
}
