import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie that carries the bridge secret; HttpOnly so page scripts never see it. */
export const SECRET_COOKIE = 'glaceon_bridge';
/** How long an unused pairing code stays valid. */
const PAIRING_TTL_MS = 10 * 60_000;
/** Outstanding pairing codes kept at once (the oldest is dropped past it). */
const MAX_PAIRINGS = 8;
/** Wrong pairing codes tolerated before pairing closes for this start (codes are 128-bit: only an attack gets here). */
const MAX_PAIRING_FAILURES = 50;

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Who may drive the dev bridge. Any local process can connect to a loopback port, so
 * neither "loopback" nor "no Origin header" is trust. Each start makes a random secret;
 * the page gets it only by pairing: the URL the owner opens carries a one-time code in
 * its fragment (never sent in a request line or a Referer), the page trades it once for
 * the secret in an HttpOnly, SameSite=Strict cookie, and every call and the event
 * socket must present that cookie. The Host header must name this listener, so a
 * DNS-rebound hostname is refused too.
 */
export class BridgeGuard {
  readonly #secret = randomBytes(32).toString('base64url');
  readonly #pairings = new Map<string, number>();
  #failures = 0;
  #hosts = new Set<string>();
  #origin = '';

  /** Called once the listener's port is known. */
  listening(host: string, port: number): void {
    this.#origin = `http://${host}:${port}`;
    this.#hosts = new Set([`${host}:${port}`, ...(host === '127.0.0.1' ? [`localhost:${port}`] : [])]);
  }

  get origin(): string {
    return this.#origin;
  }

  /** A fresh one-time pairing code, for the URL the owner opens. */
  newPairingCode(now = Date.now()): string {
    const code = randomBytes(16).toString('base64url');
    this.#pairings.set(code, now + PAIRING_TTL_MS);
    while (this.#pairings.size > MAX_PAIRINGS) this.#pairings.delete(this.#pairings.keys().next().value as string);
    return code;
  }

  /** Trade a pairing code for the Set-Cookie header value; undefined when the code is wrong, used or expired. */
  pair(code: unknown, now = Date.now()): string | undefined {
    if (this.#failures >= MAX_PAIRING_FAILURES || typeof code !== 'string') return this.#fail();
    for (const [known, expires] of this.#pairings) {
      if (!equal(known, code)) continue;
      this.#pairings.delete(known);
      return expires >= now ? `${SECRET_COOKIE}=${this.#secret}; HttpOnly; SameSite=Strict; Path=/` : this.#fail();
    }
    return this.#fail();
  }

  #fail(): undefined {
    this.#failures++;
    return undefined;
  }

  /** The Host header names this listener (DNS rebinding gets another name). */
  hostOk(req: IncomingMessage): boolean {
    return this.#hosts.has(String(req.headers.host ?? ''));
  }

  /** A browser's Origin, when sent, is this listener's own. */
  originOk(req: IncomingMessage): boolean {
    return req.headers.origin === undefined || req.headers.origin === this.#origin;
  }

  /** The caller holds the secret. */
  authorised(req: IncomingMessage): boolean {
    const presented = cookieValue(req, SECRET_COOKIE);
    return presented !== undefined && equal(presented, this.#secret);
  }

  /** Headers for trusted in-process callers (tests, `npm start`) that use the HTTP API. */
  authHeaders(): Record<string, string> {
    return { cookie: `${SECRET_COOKIE}=${this.#secret}`, origin: this.#origin };
  }
}
