import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ORIGIN } from './app-protocol.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The renderer: the Vite dev server in development (GLACEON_RENDERER_URL), app://glaceon otherwise. */
export function rendererUrl(): string {
  return process.env.GLACEON_RENDERER_URL ?? `${APP_ORIGIN}/index.html`;
}

/** Our renderer's origin, by scheme + host (+ port): anything else is a foreign page. */
export function isOwnOrigin(url: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(rendererUrl());
    return target.protocol === own.protocol && target.host === own.host;
  } catch {
    return false;
  }
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1180,
    height: 760,
    minWidth: 900,
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
  // Avoids a white flash before the dark theme paints.
  win.once('ready-to-show', () => win.show());

  // No new windows, ever: http(s) links go to the OS browser, anything else is dropped.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // The renderer never navigates away from itself (a link without target would otherwise replace the app).
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnOrigin(url)) {
      event.preventDefault();
      if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    }
  });
  void win.loadURL(rendererUrl());
  return win;
}
