/**
 * What the Electron window may load, navigate to, ask for and connect to, as plain
 * functions (no Electron import) so unit tests check every rule the glue applies.
 * The glue (window.ts, app-protocol.ts) only wires them to Electron events.
 */

/** The packaged renderer's origin (see app-protocol.ts). */
export const APP_ORIGIN = 'app://glaceon';

/**
 * The page the window loads. `GLACEON_RENDERER_URL` (the Vite dev server) is a development
 * aid only: a packaged build ignores it, or anyone who can set an environment variable
 * for the player's launcher could point the bridge-holding window at their own page.
 */
export function chooseRendererUrl(env: Record<string, string | undefined>, packaged: boolean): string {
  const dev = env.GLACEON_RENDERER_URL;
  if (!packaged && dev && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(dev)) return dev;
  return `${APP_ORIGIN}/index.html`;
}

/** Same scheme and host (and port): anything else is a foreign page. */
export function isSameOrigin(url: string, own: string): boolean {
  try {
    const target = new URL(url);
    const base = new URL(own);
    return target.protocol === base.protocol && target.host === base.host;
  } catch {
    return false;
  }
}

/**
 * Web permissions the product needs; every other request (camera, microphone,
 * geolocation, midi, HID, serial, pointer lock, fullscreen, …) is denied. The launcher's
 * own alerts go through main's Notification, but a notification permission for our own
 * page is harmless; clipboard writes back "Copy invite link".
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string, ownUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isSameOrigin(requestingUrl, ownUrl);
}

/** What a navigation or redirect inside the window may do: stay, open in the OS browser, or be dropped. */
export function navigationDecision(url: string, ownUrl: string): 'allow' | 'external' | 'block' {
  if (isSameOrigin(url, ownUrl)) return 'allow';
  return /^https?:\/\//i.test(url) ? 'external' : 'block';
}

/** ws(s) counterpart of an http(s) origin, and a port wildcard on the same host for Coral. */
function connectSourcesFor(url: string): string[] {
  const parsed = new URL(url);
  const ws = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
  return [parsed.origin, `${ws}//${parsed.host}`, `${ws}//${parsed.hostname}:*`];
}

const ORIGIN = /^(https?|wss?):\/\/[A-Za-z0-9.\-[\]:]+$/;

/**
 * The renderer's Content-Security-Policy, sent as a header with its HTML (Electron's
 * app:// handler and the dev bridge). `connect-src` names the configured backend only:
 * Realm's origin, its WebSocket counterpart, and the same host on any port for the Coral
 * endpoint Realm hands out (by default the load balancer next to Realm). A Coral on
 * another host is named by GLACEON_CONNECT_SRC (space-separated origins).
 */
export function buildContentSecurityPolicy(opts: { backendUrl: string; extraConnect?: string }): string {
  const extra = (opts.extraConnect ?? '').split(/\s+/).filter((o) => ORIGIN.test(o));
  let backend: string[] = [];
  try {
    backend = connectSourcesFor(opts.backendUrl);
  } catch {
    backend = [];
  }
  const connect = ["'self'", ...new Set([...backend, ...extra])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
