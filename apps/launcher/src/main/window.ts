import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseRendererUrl, isSameOrigin, navigationDecision, permissionAllowed } from './services/window-policy.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The renderer: app://glaceon, or the Vite dev server (GLACEON_RENDERER_URL) in an unpackaged build only. */
export function rendererUrl(): string {
  return chooseRendererUrl(process.env, app.isPackaged);
}

/** Our renderer's origin, by scheme + host (+ port): anything else is a foreign page. */
export function isOwnOrigin(url: string): boolean {
  return isSameOrigin(url, rendererUrl());
}

/**
 * Once per app (after ready): the default session denies every web permission the
 * product does not need, for any page, and says "denied" when a page merely checks.
 */
export function lockDownSession(): void {
  const own = rendererUrl();
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, own));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, own));
}

export function createMainWindow(opts: { show?: boolean } = {}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1180,
    height: 760,
    minWidth: 800,
    minHeight: 600,
    backgroundColor: '#0f1320',
    show: false,
    title: 'Glaceon',
    webPreferences: {
      preload: join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  // Avoids a white flash before the dark theme paints; "start minimized" keeps it hidden.
  win.once('ready-to-show', () => {
    if (opts.show !== false) win.show();
  });

  const own = rendererUrl();
  // No new windows, ever: http(s) links go to the OS browser, anything else is dropped.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (navigationDecision(url, own) === 'external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  // The renderer never navigates away from itself (a link without target would otherwise
  // replace the app), and a server redirect cannot take it elsewhere either.
  const guard = (event: { preventDefault(): void }, url: string) => {
    const decision = navigationDecision(url, own);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'external') void shell.openExternal(url);
  };
  win.webContents.on('will-navigate', guard);
  win.webContents.on('will-frame-navigate', (event) => {
    if (navigationDecision(event.url, own) !== 'allow') event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (navigationDecision(url, own) !== 'allow') event.preventDefault();
  });
  // No <webview> may be attached (it would be a renderer without our preferences).
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(own);
  return win;
}
