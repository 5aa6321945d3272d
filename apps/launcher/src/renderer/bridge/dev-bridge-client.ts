import { InvokeChannel, type GlaceonBridge, type OnyxState } from '../../common/index.js';

/** Paths served by the dev-bridge server (src/main/devbridge), same origin as the renderer. */
export const DEV_BRIDGE_CALL_PATH = '/__glaceon/bridge/';
export const DEV_BRIDGE_EVENTS_PATH = '/__glaceon/events';

type Push = { channel: 'onyx'; value: OnyxState } | { channel: 'deeplink'; value: string };

/**
 * `window.glaceon` in a plain browser: each call is a POST to the dev-bridge
 * server, which runs the same OS-service modules as Electron's main process
 * (so Onyx really starts). Pushes arrive on one WebSocket, reopened if it drops.
 */
export function createDevBridgeClient(origin: string = location.origin): GlaceonBridge {
  const call = async <T>(channel: InvokeChannel, input?: unknown): Promise<T> => {
    const res = await fetch(`${origin}${DEV_BRIDGE_CALL_PATH}${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: input ?? null }),
    });
    if (!res.ok) throw new Error(`Dev bridge ${channel}: HTTP ${res.status}`);
    return ((await res.json()) as { output: T }).output;
  };

  const listeners = { onyx: new Set<(s: OnyxState) => void>(), deeplink: new Set<(u: string) => void>() };
  let socket: WebSocket | undefined;
  const open = () => {
    if (socket) return;
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}${DEV_BRIDGE_EVENTS_PATH}`);
    socket = ws;
    ws.onmessage = (event) => {
      const push = JSON.parse(String(event.data)) as Push;
      if (push.channel === 'onyx') for (const l of listeners.onyx) l(push.value);
      else if (push.channel === 'deeplink') for (const l of listeners.deeplink) l(push.value);
    };
    ws.onclose = () => {
      socket = undefined;
      if (listeners.onyx.size + listeners.deeplink.size > 0) setTimeout(open, 1000);
    };
  };
  const subscribe = <T>(set: Set<(v: T) => void>, listener: (v: T) => void) => {
    set.add(listener);
    open();
    return () => void set.delete(listener);
  };

  return {
    shell: 'dev-bridge',
    getSettings: () => call(InvokeChannel.getSettings),
    updateSettings: (patch) => call(InvokeChannel.updateSettings, patch),
    loadSession: () => call(InvokeChannel.loadSession),
    saveSession: (session) => call(InvokeChannel.saveSession, session),
    clearSession: () => call(InvokeChannel.clearSession),
    launchOnyx: (request) => call(InvokeChannel.launchOnyx, request),
    getOnyxState: () => call(InvokeChannel.getOnyxState),
    openOnyxLog: () => call(InvokeChannel.openOnyxLog),
    onOnyxState: (listener) => subscribe(listeners.onyx, listener),
    takeDeepLinks: () => call(InvokeChannel.takeDeepLinks),
    onDeepLink: (listener) => subscribe(listeners.deeplink, listener),
    alertMatchFound: (alert) => call(InvokeChannel.alertMatchFound, alert),
    alertInvite: (alert) => call(InvokeChannel.alertInvite, alert),
    openExternal: async (url) => {
      // In a browser the OS browser is this one: open a new tab, without giving it our window.
      if (/^https?:\/\//i.test(url)) window.open(url, '_blank', 'noopener,noreferrer');
    },
  };
}
