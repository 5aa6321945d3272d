import { app, BrowserWindow, dialog, Notification, shell } from 'electron';
import { findDeepLinkInArgv } from '../common/index.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { registerIpc } from './ipc.js';
import { safeStorageCipher } from './safe-storage-cipher.js';
import { createLauncherServices } from './services/index.js';
import { settingsPatchFromEnv } from './services/env-settings.js';
import { buildContentSecurityPolicy } from './services/window-policy.js';
import { createMainWindow, lockDownSession } from './window.js';

// A separate profile (tests, several local players): must be set before the
// single-instance lock, which is scoped to the user-data folder.
if (process.env.GLACEON_USER_DATA) app.setPath('userData', process.env.GLACEON_USER_DATA);

// One launcher per user: a second start (e.g. from a glaceon:// link) hands its argv to us and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  const focus = () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  // Packaged builds register the scheme via electron-builder; in development we pass the script path.
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient('glaceon', process.execPath, [process.argv[1]]);
  else app.setAsDefaultProtocolClient('glaceon');

  const services = createLauncherServices({
    userDataDir: app.getPath('userData'),
    cipher: safeStorageCipher,
    warn: (message) => console.warn(`[glaceon] ${message}`),
    shell: {
      alertMatchFound: ({ title, body }) => {
        if (!win || win.isFocused()) return;
        if (Notification.isSupported()) new Notification({ title, body, urgency: 'critical' }).on('click', focus).show();
        win.flashFrame(true);
        shell.beep();
      },
      alertInvite: ({ title, body }) => {
        if (!win || win.isFocused()) return;
        if (Notification.isSupported()) new Notification({ title, body }).on('click', focus).show();
        win.flashFrame(true);
      },
      openExternal: (url) => void shell.openExternal(url),
      openPath: (path) => void shell.openPath(path),
      // The only way the renderer influences which program runs: the player picks it here.
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
    serveRenderer(async () =>
      buildContentSecurityPolicy({ backendUrl: (await services.settings.get()).backendUrl, extraConnect: process.env.GLACEON_CONNECT_SRC }),
    );
    const ipc = registerIpc(services, () => win);
    const openWindow = () => {
      const created = createMainWindow();
      ipc.watch(created);
      created.on('focus', () => created.flashFrame(false));
      created.on('closed', () => {
        if (win === created) win = undefined;
      });
      win = created;
    };
    openWindow();
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
