import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { LauncherServices } from './services/index.js';
import { installDecision, planUpdates } from './services/update-policy.js';

/**
 * electron-updater against a generic feed (GLACEON_UPDATE_FEED: the folder holding
 * latest.yml / latest-linux.yml / latest-mac.yml and the installers that `npm run dist`
 * writes to release/). Downloads in the background; installs when the player quits, and
 * never while Onyx runs (the decision is update-policy.ts, unit-tested).
 */
export function startUpdater(services: LauncherServices, log: (line: string) => void): void {
  const plan = planUpdates(process.env, { packaged: app.isPackaged, platform: process.platform, appImage: process.env.APPIMAGE });
  if (!plan.enabled) {
    log(`updates off: ${plan.reason}`);
    return;
  }
  const { autoUpdater } = electronUpdater;
  autoUpdater.setFeedURL({ provider: 'generic', url: plan.feedUrl });
  autoUpdater.autoDownload = true;
  // Installing on quit is decided below, so a quit during a game does not swap the binary under it.
  autoUpdater.autoInstallOnAppQuit = false;
  let downloaded = false;
  autoUpdater.on('update-downloaded', (info) => {
    downloaded = true;
    log(`update ${info.version} downloaded; installs when Glaceon quits`);
  });
  autoUpdater.on('error', (error) => log(`update check failed: ${error.message}`));
  const check = () => void autoUpdater.checkForUpdates().catch(() => undefined);
  check();
  setInterval(check, plan.checkEveryMs).unref();
  let installing = false;
  app.on('before-quit', () => {
    if (installing) return;
    const decision = installDecision({ downloaded, gameRunning: services.onyx.state().status === 'running', quitting: true });
    if (decision !== 'install-now') return;
    installing = true;
    autoUpdater.quitAndInstall(true, false);
  });
}
