import { createDecoder, QueueListSchema } from '@glaceon/protocol';

/** Realm's queue list is small; a bigger answer is refused rather than parsed. */
const MAX_LIST_CHARS = 256 * 1024;
/** At most this many ping origins are added to the CSP (a queue file lists at most 32 regions). */
const MAX_ORIGINS = 32;
const listDecoder = createDecoder(QueueListSchema);

/** The ws(s) origins of the regions' ping endpoints in a queue list (anything else is dropped). */
export function pingOriginsOf(pingUrls: readonly (string | undefined)[]): string[] {
  const origins = new Set<string>();
  for (const raw of pingUrls) {
    if (!raw) continue;
    try {
      const url = new URL(raw);
      if (url.protocol === 'ws:' || url.protocol === 'wss:') origins.add(`${url.protocol}//${url.host}`);
    } catch {
      // not a URL: nothing to allow
    }
  }
  return [...origins].slice(0, MAX_ORIGINS);
}

/**
 * The renderer measures its round trip to each region's ping endpoint (a WebSocket), and its
 * CSP `connect-src` names only the backend's host: an operator's ping endpoints on other hosts
 * (ping-eu.example.com) would be blocked. So the shell that serves the renderer's HTML asks
 * Realm itself (`GET /v1/queues`, public) for the regions and adds their ping origins, never
 * trusting the page to name them. Cached per backend: a cached answer is used at once and
 * refreshed behind it; without one, the list is awaited at most `timeoutMs`, and when Realm does
 * not answer in time the page loads without them (those regions then read "No answer" until the
 * next load). Only ws:/wss: origins of a list that passes the protocol's schema are used.
 */
export function createPingOriginSource(opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): (backendUrl: string) => Promise<string[]> {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 1500;
  const cache = new Map<string, string[]>();

  async function load(backendUrl: string): Promise<string[]> {
    const res = await doFetch(new URL('/v1/queues', backendUrl), { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const decoded = listDecoder.decodeText(await res.text(), MAX_LIST_CHARS);
    if (!decoded.ok) throw new Error(decoded.error.message);
    const origins = pingOriginsOf(decoded.value.regions.map((r) => r.pingUrl));
    cache.set(backendUrl, origins);
    return origins;
  }

  return async (backendUrl) => {
    const cached = cache.get(backendUrl);
    const fresh = load(backendUrl).catch(() => cache.get(backendUrl) ?? []);
    return cached ?? fresh;
  };
}
