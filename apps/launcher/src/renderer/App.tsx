import { useEffect, useState } from 'react';
import { useApp } from './store/context.js';
import { selectScreen } from './store/screen.js';
import { AuthScreen } from './screens/AuthScreen.js';
import { GameScreen } from './screens/GameScreen.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { LobbyScreen } from './screens/LobbyScreen.js';
import { QueueScreen } from './screens/QueueScreen.js';
import { SettingsScreen } from './screens/SettingsScreen.js';
import { ProfileScreen } from './screens/ProfileScreen.js';
import { HistoryScreen } from './screens/HistoryScreen.js';
import { LeaderboardScreen } from './screens/LeaderboardScreen.js';
import { MessagesScreen } from './screens/MessagesScreen.js';
import { FriendsPanel } from './components/FriendsPanel.js';
import { InviteToasts } from './components/InviteToasts.js';
import { JoinConfirmDialog } from './components/JoinConfirmDialog.js';
import { MatchFoundDialog } from './components/MatchFoundDialog.js';
import { Sidebar } from './components/Sidebar.js';
import { OutageBanner } from './components/OutageBanner.js';
import { Spinner } from './components/ui.js';
import { useAttention } from './attention.js';
import { t } from './strings.js';

const SCREEN_TITLE = t.app.screenTitle;

export function App() {
  const screen = useApp(selectScreen);
  const signedIn = useApp((s) => s.session.status === 'signed-in');
  const friendsOnline = useApp((s) => s.friends.view?.friends.filter((f) => f.presence !== 'offline').length ?? 0);
  const requests = useApp((s) => s.friends.view?.incoming.length ?? 0);
  // Below 1,000 px the side panels are drawers behind two toggles (styles/app.css, "compact").
  const [panel, setPanel] = useState<'nav' | 'friends' | null>(null);
  useAttention();
  useEffect(() => {
    if (!panel) return;
    const close = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setPanel(null);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [panel]);
  // Choosing a screen from the menu closes the drawer.
  useEffect(() => setPanel(null), [screen]);

  useEffect(() => {
    document.title = t.app.documentTitle(SCREEN_TITLE[screen]);
  }, [screen]);

  if (screen === 'restoring') {
    return (
      <main className="boot">
        <Spinner label={t.app.restoring} />
      </main>
    );
  }
  if (!signedIn)
    return screen === 'settings' ? (
      <div className="shell shell-solo">
        <main className="main">
          <SettingsScreen />
        </main>
      </div>
    ) : (
      <AuthScreen />
    );

  const toggle = (which: 'nav' | 'friends') => setPanel((p) => (p === which ? null : which));
  return (
    <div className="app-frame">
      <OutageBanner />
      <div className={`shell ${panel ? `show-${panel}` : ''}`}>
        <div className="compact-bar">
          <button type="button" className="btn btn-ghost btn-sm" aria-expanded={panel === 'nav'} aria-controls="main-nav" onClick={() => toggle('nav')}>
            {t.app.menu}
          </button>
          <span className="compact-title">{t.app.brand}</span>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            aria-expanded={panel === 'friends'}
            aria-controls="friends-panel"
            onClick={() => toggle('friends')}
          >
            {t.app.friendsToggle(friendsOnline, requests)}
          </button>
        </div>
        <Sidebar />
        <main className="main" id="main">
          {screen === 'settings' && <SettingsScreen />}
          {screen === 'home' && <HomeScreen />}
          {screen === 'lobby' && <LobbyScreen />}
          {screen === 'queue' && <QueueScreen />}
          {screen === 'game' && <GameScreen />}
          {screen === 'profile' && <ProfileScreen />}
          {screen === 'history' && <HistoryScreen />}
          {screen === 'leaderboard' && <LeaderboardScreen />}
          {screen === 'messages' && <MessagesScreen />}
        </main>
        <FriendsPanel />
        {panel && <div className="drawer-scrim" aria-hidden="true" onClick={() => setPanel(null)} />}
        <MatchFoundDialog />
        <JoinConfirmDialog />
        <InviteToasts />
      </div>
    </div>
  );
}
