import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { FLEET_PUSH_WINDOW_MS, FLEET_SERVER_KEY_LABEL, fleetPushCanonical } from '../fleet/auth.js';

/**
 * A server's fleet credential, bound to its id (contract: docs/moonstone-contract.md):
 * base64url(HMAC-SHA256(fleetSecret, "glaceon.fleet.server.v1:" + serverId)), 43 characters.
 * Whoever holds it can speak for that server id and no other.
 */
export function fleetServerKey(fleetSecret: string, serverId: string): string {
  return createHmac('sha256', Buffer.from(fleetSecret, 'utf8'))
    .update(FLEET_SERVER_KEY_LABEL + serverId, 'utf8')
    .digest('base64url');
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time string equality (hashing first makes the lengths equal). */
export function secretEquals(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

export interface FleetPushSignature {
  timestamp: string;
  /** The `X-Glaceon-Signature` header value: `v1=<base64url>`. */
  signature: string;
}

/** Sign a push to a server with that server's key (the fleet secret never leaves Coral). */
export function signFleetPush(serverKey: string, method: string, path: string, body: string, now = Date.now()): FleetPushSignature {
  const timestamp = String(Math.trunc(now));
  const bodyHash = createHash('sha256').update(body, 'utf8').digest('hex');
  const mac = createHmac('sha256', Buffer.from(serverKey, 'ascii'))
    .update(fleetPushCanonical(method, path, timestamp, bodyHash), 'ascii')
    .digest('base64url');
  return { timestamp, signature: `v1=${mac}` };
}

export type PushCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'bad_signature' | 'replayed' };

/**
 * The receiving side of a signed push: timestamp within the window, signature matches,
 * and the same signature not seen before inside the window (replays are refused).
 */
export class FleetPushVerifier {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly serverKey: string,
    private readonly windowMs = FLEET_PUSH_WINDOW_MS,
    /** Bound on remembered signatures (a window's worth of pushes is far below it). */
    private readonly maxRemembered = 100_000,
  ) {}

  check(method: string, path: string, body: string, timestamp: string | undefined, signature: string | undefined, now = Date.now()): PushCheck {
    if (!timestamp || !signature || !/^\d{1,16}$/.test(timestamp) || !signature.startsWith('v1=')) return { ok: false, reason: 'missing' };
    const at = Number(timestamp);
    if (Math.abs(now - at) > this.windowMs) return { ok: false, reason: 'stale' };
    const expected = signFleetPush(this.serverKey, method, path, body, at).signature;
    if (!secretEquals(signature, expected)) return { ok: false, reason: 'bad_signature' };
    for (const [sig, seenAt] of this.seen) {
      if (now - seenAt <= this.windowMs && this.seen.size < this.maxRemembered) break;
      this.seen.delete(sig); // oldest first (insertion order)
    }
    if (this.seen.has(signature)) return { ok: false, reason: 'replayed' };
    this.seen.set(signature, now);
    return { ok: true };
  }
}
