import { useEffect } from 'react';
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
import { FriendsPanel } from './components/FriendsPanel.js';
import { InviteToasts } from './components/InviteToasts.js';
import { JoinConfirmDialog } from './components/JoinConfirmDialog.js';
import { MatchFoundDialog } from './components/MatchFoundDialog.js';
import { Sidebar } from './components/Sidebar.js';
import { Spinner } from './components/ui.js';

const SCREEN_TITLE = {
  restoring: 'Glaceon',
  auth: 'Sign in',
  settings: 'Settings',
  home: 'Home',
  lobby: 'Lobby',
  queue: 'In queue',
  game: 'Game',
  profile: 'Profile',
  history: 'Match history',
  leaderboard: 'Leaderboards',
} as const;

export function App() {
  const screen = useApp(selectScreen);
  const signedIn = useApp((s) => s.session.status === 'signed-in');

  useEffect(() => {
    document.title = `${SCREEN_TITLE[screen]} · Glaceon`;
  }, [screen]);

  if (screen === 'restoring') {
    return (
      <main className="boot">
        <Spinner label="Signing you back in…" />
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

  return (
    <div className="shell">
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
      </main>
      <FriendsPanel />
      <MatchFoundDialog />
      <JoinConfirmDialog />
      <InviteToasts />
    </div>
  );
}
