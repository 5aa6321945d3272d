import { InvokeChannel, type GlaceonBridge, type OnyxState } from '../../common/index.js';

/** Paths served by the dev-bridge server (src/main/devbridge), same origin as the renderer. */
export const DEV_BRIDGE_CALL_PATH = '/__glaceon/bridge/';
export const DEV_BRIDGE_EVENTS_PATH = '/__glaceon/events';
export const DEV_BRIDGE_PAIR_PATH = '/__glaceon/pair';

type Push = { channel: 'onyx'; value: OnyxState } | { channel: 'deeplink'; value: string };

/**
 * The address the owner opened carries a one-time pairing code in its fragment
 * (`#pair=…`): trade it once for the bridge secret, which the server sets as an
 * HttpOnly cookie, and take the code out of the address bar and history.
 */
async function pairFromFragment(origin: string): Promise<void> {
  const match = /(?:^#|&)pair=([A-Za-z0-9_-]{1,64})/.exec(location.hash);
  if (!match) return;
  history.replaceState(null, '', location.pathname + location.search);
  const res = await fetch(`${origin}${DEV_BRIDGE_PAIR_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: match[1] }),
  });
  if (!res.ok) console.warn('Glaceon dev bridge: this pairing link was already used or has expired; open the address npm start printed.');
}

/**
 * `window.glaceon` in a plain browser: each call is a POST to the dev-bridge
 * server, which runs the same OS-service modules as Electron's main process
 * (so Onyx really starts). Pushes arrive on one WebSocket, reopened if it drops.
 * Calls wait for pairing (see pairFromFragment); the secret then rides in a cookie.
 */
export function createDevBridgeClient(origin: string = location.origin): GlaceonBridge {
  const paired = pairFromFragment(origin).catch(() => undefined);
  const call = async <T>(channel: InvokeChannel, input?: unknown): Promise<T> => {
    await paired;
    const res = await fetch(`${origin}${DEV_BRIDGE_CALL_PATH}${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: input ?? null }),
    });
    if (res.status === 401) throw new Error('This page is not paired with the launcher: open the address npm start printed.');
    if (!res.ok) throw new Error(`Dev bridge ${channel}: HTTP ${res.status}`);
    return ((await res.json()) as { output: T }).output;
  };

  const listeners = { onyx: new Set<(s: OnyxState) => void>(), deeplink: new Set<(u: string) => void>() };
  let socket: WebSocket | undefined;
  let opening = false;
  const open = () => {
    if (socket || opening) return;
    opening = true;
    void paired.then(connect);
  };
  const connect = () => {
    opening = false;
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
    chooseOnyxPath: () => call(InvokeChannel.chooseOnyxPath),
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
