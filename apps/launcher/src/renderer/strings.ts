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
    notificationsBlocked: 'Notifications are blocked for this page in your browser settings.',
  },
} as const;

export type Strings = typeof en;
export const t: Strings = en;
