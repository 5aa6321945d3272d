import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EventChannel, InvokeChannel } from '../common/index.js';
import type { LauncherServices } from './services/index.js';
import { isOwnOrigin } from './window.js';

/**
 * Registers one handler per bridge call. Input validation lives in the
 * bridge service; here we only check that the caller is our own top frame,
 * so an iframe or a navigated-away page cannot reach the OS.
 * Returns `watch(win)`, to call for every window created.
 */
export function registerIpc(services: LauncherServices, getWindow: () => BrowserWindow | undefined): { watch(win: BrowserWindow): void } {
  // A deep link pushed before the renderer subscribed would be lost; until it asks
  // for the held links (its first call after subscribing) they stay in the queue.
  let rendererListening = false;
  const trusted = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    const win = getWindow();
    return !!frame && !!win && event.sender === win.webContents && frame === win.webContents.mainFrame && isOwnOrigin(frame.url);
  };
  for (const channel of services.bridge.channels) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!trusted(event)) throw new Error('Refused: bridge call from an untrusted frame.');
      if (channel === InvokeChannel.takeDeepLinks) rendererListening = true;
      return services.bridge.invoke(channel, input);
    });
  }
  services.onyx.onState((state) => getWindow()?.webContents.send(EventChannel.onyx, state));
  services.deepLinks.attach((url) => {
    const win = getWindow();
    if (!win || !rendererListening) return false;
    win.webContents.send(EventChannel.deepLink, url);
    return true;
  });
  return {
    watch(win) {
      // A reload starts a new renderer that has not subscribed yet.
      win.webContents.on('did-start-loading', () => {
        rendererListening = false;
      });
    },
  };
}
