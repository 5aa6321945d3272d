/**
 * Player-facing text, in one module so a translation can replace it (`t` is the English
 * table; a language pack would export the same shape). New text goes here; older
 * screens are being moved over (see docs/launcher.md, "Strings").
 */
export const en = {
  outage: {
    retryIn: (s: number) => `Can't reach Glaceon. Retrying in ${s} s.`,
    retrying: "Can't reach Glaceon. Retrying now…",
    retryNow: 'Retry now',
    stale: 'Showing what Glaceon last knew; it may be out of date.',
    staleOnly: 'Reconnecting… showing what Glaceon last knew.',
    needsNetwork: 'Needs a connection to Glaceon',
  },
  session: {
    welcomeNew: (name: string) => `Welcome to Glaceon, ${name}!`,
    welcomeBack: (name: string) => `Ready to play, ${name}?`,
    welcomeNewHint: 'Start by adding a friend on the right, or create a lobby and share its link.',
    welcomeBackHint: 'Create a lobby, invite your friends, and queue together.',
  },
  queue: {
    youCancelled: 'You cancelled the search.',
  },
  attention: {
    matchFoundTitle: 'Match found!',
    matchFoundBody: (s: number) => `Accept within ${s} seconds.`,
    titleFlash: '★ Match found! ★',
  },
  settings: {
    alerts: 'Alerts',
    sound: 'Play a sound when a match is found',
    notifications: 'Show a notification when a match is found while Glaceon is in the background',
    startMinimized: 'Start minimized to the tray when I log in to my computer',
    startMinimizedHint: 'Desktop app only.',
    gamePath: 'Path to the game (Onyx)',
    gamePathUnset: 'Not set',
    choose: 'Choose…',
    gamePathHintElectron: 'The program Glaceon starts when your match is ready. Only you can choose it, in the system file dialog.',
    gamePathHintBrowser:
      'The program Glaceon starts when your match is ready. In the browser it is set by GLACEON_ONYX_PATH or by "onyxPath" in the launcher\'s settings.json, never by the page.',
  },
} as const;

export type Strings = typeof en;
export const t: Strings = en;
