import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { GlaceonBridge, OnyxState } from '../common/index.js';
import { EventChannel, InvokeChannel } from '../common/ipc-channels.js';

/*
 * Sandboxed preloads cannot load local modules at runtime, so this file is
 * bundled (vite.preload.config.ts) into one CommonJS script with `electron`
 * left external; importing the shared channel table is therefore safe.
 */
const c = InvokeChannel;
/** Subscribes to one push channel and hands back an unsubscribe; the raw event never reaches the page. */
function on<T>(channel: string, listener: (value: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, value: T) => listener(value);
  ipcRenderer.on(channel, wrapped);
  return () => void ipcRenderer.removeListener(channel, wrapped);
}

const bridge: GlaceonBridge = {
  shell: 'electron',
  getSettings: () => ipcRenderer.invoke(c.getSettings),
  updateSettings: (patch) => ipcRenderer.invoke(c.updateSettings, patch),
  chooseOnyxPath: () => ipcRenderer.invoke(c.chooseOnyxPath),
  loadSession: () => ipcRenderer.invoke(c.loadSession),
  saveSession: (session) => ipcRenderer.invoke(c.saveSession, session),
  clearSession: () => ipcRenderer.invoke(c.clearSession),
  launchOnyx: (request) => ipcRenderer.invoke(c.launchOnyx, request),
  getOnyxState: () => ipcRenderer.invoke(c.getOnyxState),
  openOnyxLog: () => ipcRenderer.invoke(c.openOnyxLog),
  onOnyxState: (listener) => on<OnyxState>(EventChannel.onyx, listener),
  takeDeepLinks: () => ipcRenderer.invoke(c.takeDeepLinks),
  onDeepLink: (listener) => on<string>(EventChannel.deepLink, listener),
  alertMatchFound: (alert) => ipcRenderer.invoke(c.alertMatchFound, alert),
  alertInvite: (alert) => ipcRenderer.invoke(c.alertInvite, alert),
  openExternal: (url) => ipcRenderer.invoke(c.openExternal, url),
};

contextBridge.exposeInMainWorld('glaceon', bridge);
