import { app, BrowserWindow, dialog, Menu, Notification, shell, Tray } from 'electron';
import { findDeepLinkInArgv } from '../common/index.js';
import { registerAppScheme, rendererFile, serveRenderer } from './app-protocol.js';
import { registerIpc } from './ipc.js';
import { safeStorageCipher } from './safe-storage-cipher.js';
import { createLauncherServices } from './services/index.js';
import { settingsPatchFromEnv } from './services/env-settings.js';
import { buildContentSecurityPolicy } from './services/window-policy.js';
import { createPingOriginSource } from './services/ping-origins.js';
import { startUpdater } from './updater.js';
import { createMainWindow, lockDownSession } from './window.js';

// A separate profile (tests, several local players): must be set before the
// single-instance lock, which is scoped to the user-data folder.
if (process.env.GLACEON_USER_DATA) app.setPath('userData', process.env.GLACEON_USER_DATA);

// One launcher per user: a second start (e.g. from a glaceon:// link) hands its argv to us and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  let tray: Tray | undefined;
  const focus = () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  // Started by the OS at login with "start minimized" on: the window stays hidden behind a tray icon.
  const startedHidden = process.argv.includes('--minimized');
  const showTray = () => {
    if (tray) return;
    tray = new Tray(rendererFile('icon.png'));
    tray.setToolTip('Glaceon');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Glaceon', click: focus },
        { label: 'Quit', click: () => app.quit() },
      ]),
    );
    tray.on('click', focus);
  };
  /** Open at login (minimized) exactly when the player asked for it. */
  const applyLoginItem = (startMinimized: boolean) => {
    if (process.platform === 'linux') return; // no login items API on Linux; documented in docs/launcher.md
    app.setLoginItemSettings({ openAtLogin: startMinimized, args: startMinimized ? ['--minimized'] : [] });
  };

  // Packaged builds register the scheme via electron-builder; in development we pass the script path.
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient('glaceon', process.execPath, [process.argv[1]]);
  else app.setAsDefaultProtocolClient('glaceon');

  const services = createLauncherServices({
    userDataDir: app.getPath('userData'),
    cipher: safeStorageCipher,
    warn: (message) => console.warn(`[glaceon] ${message}`),
    shell: {
      // The chime plays in the renderer (every shell, the player's sound setting); here the OS-level signals.
      alertMatchFound: ({ title, body }) => {
        if (!win || win.isFocused()) return;
        void services.settings.get().then((settings) => {
          if (settings.notifications && Notification.isSupported()) new Notification({ title, body, urgency: 'critical' }).on('click', focus).show();
        });
        win.flashFrame(true);
        app.setBadgeCount(1);
      },
      alertInvite: ({ title, body }) => {
        if (!win || win.isFocused()) return;
        if (Notification.isSupported()) new Notification({ title, body }).on('click', focus).show();
        win.flashFrame(true);
      },
      openExternal: (url) => void shell.openExternal(url),
      openPath: (path) => void shell.openPath(path),
      // The only way the renderer influences which program runs: the player picks it here.
      settingsChanged: (settings) => applyLoginItem(settings.startMinimized),
      chooseExecutable: async () => {
        const options = { title: 'Choose the game (Onyx)', properties: ['openFile' as const, 'dontAddToRecent' as const] };
        const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
    },
  });

  // Windows and Linux: a deep link arrives in the second instance's argv.
  app.on('second-instance', (_event, argv) => {
    const link = findDeepLinkInArgv(argv);
    if (link) services.deepLinks.push(link);
    focus();
  });
  // macOS: deep links arrive as open-url, possibly before 'ready' on a cold start.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    services.deepLinks.push(url);
    focus();
  });
  registerAppScheme();
  const coldStartLink = findDeepLinkInArgv(process.argv);
  if (coldStartLink) services.deepLinks.push(coldStartLink);

  void app.whenReady().then(async () => {
    const envSettings = settingsPatchFromEnv(process.env);
    if (Object.keys(envSettings).length > 0) {
      const applied = await services.settings.update(envSettings);
      if (!applied.ok) console.warn(`[glaceon] ignoring settings from the environment: ${applied.error.message}`);
    }
    lockDownSession();
    // The regions' ping endpoints (from Realm's queue list) may live on other hosts than Realm.
    const pingOrigins = createPingOriginSource();
    serveRenderer(async () => {
      const { backendUrl } = await services.settings.get();
      const extra = [process.env.GLACEON_CONNECT_SRC ?? '', ...(await pingOrigins(backendUrl))].join(' ');
      return buildContentSecurityPolicy({ backendUrl, extraConnect: extra });
    });
    const ipc = registerIpc(services, () => win);
    const openWindow = (show = true) => {
      const created = createMainWindow({ show });
      ipc.watch(created);
      created.on('focus', () => {
        created.flashFrame(false);
        app.setBadgeCount(0);
      });
      created.on('closed', () => {
        if (win === created) win = undefined;
      });
      win = created;
    };
    applyLoginItem((await services.settings.get()).startMinimized);
    startUpdater(services, (line) => console.log(`[glaceon] ${line}`));
    if (startedHidden) showTray();
    openWindow(!startedHidden);
    // macOS keeps apps alive without windows; re-open one when the dock icon is clicked.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // A launcher-owned Onyx left running after quit would have no one watching it (no crash
  // message, no log tail); stop it, and "rejoin" after the next start is the way back in.
  app.on('before-quit', () => void services.onyx.stop());
}
