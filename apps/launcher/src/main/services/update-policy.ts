/**
 * Auto-update decisions, as plain functions (electron-updater does the network part in
 * src/main/updater.ts). Updates come only from a feed the build or the operator names,
 * over https, in a packaged build; a game in progress is never interrupted.
 */
export interface UpdateContext {
  packaged: boolean;
  platform: NodeJS.Platform;
  /** Linux: electron-updater can only replace an AppImage (APPIMAGE is set when running one). */
  appImage: string | undefined;
}

export type UpdatePlan = { enabled: true; feedUrl: string; checkEveryMs: number } | { enabled: false; reason: string };

const HOUR = 60 * 60 * 1000;

/** GLACEON_UPDATE_FEED (a generic electron-builder feed: latest.yml and the installers), GLACEON_UPDATES=0 turns checks off. */
export function planUpdates(env: Record<string, string | undefined>, ctx: UpdateContext): UpdatePlan {
  if (!ctx.packaged) return { enabled: false, reason: 'not a packaged build' };
  if (env.GLACEON_UPDATES === '0' || env.GLACEON_UPDATES === 'false') return { enabled: false, reason: 'turned off by GLACEON_UPDATES' };
  const feed = env.GLACEON_UPDATE_FEED;
  if (!feed) return { enabled: false, reason: 'no update feed configured (GLACEON_UPDATE_FEED)' };
  let url: URL;
  try {
    url = new URL(feed);
  } catch {
    return { enabled: false, reason: 'GLACEON_UPDATE_FEED is not a URL' };
  }
  // An update is code the player will run: never over plain http, never with credentials in the URL.
  if (url.protocol !== 'https:') return { enabled: false, reason: 'the update feed must be https' };
  if (url.username || url.password) return { enabled: false, reason: 'the update feed URL must not carry credentials' };
  if (ctx.platform === 'linux' && !ctx.appImage) return { enabled: false, reason: 'only the AppImage updates itself on Linux (deb: the package manager)' };
  const hours = Number(env.GLACEON_UPDATE_CHECK_HOURS ?? 6);
  const checkEveryMs = Number.isFinite(hours) && hours >= 1 && hours <= 168 ? hours * HOUR : 6 * HOUR;
  return { enabled: true, feedUrl: url.href.replace(/\/?$/, '/'), checkEveryMs };
}

/** What to do with a downloaded update: never restart under a running game; otherwise install when the player quits. */
export function installDecision(state: { downloaded: boolean; gameRunning: boolean; quitting: boolean }): 'install-now' | 'on-quit' | 'wait' {
  if (!state.downloaded) return 'wait';
  if (state.gameRunning) return 'wait';
  return state.quitting ? 'install-now' : 'on-quit';
}
