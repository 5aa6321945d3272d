/**
 * How fleet requests are authenticated (docs/moonstone-contract.md, "Authentication").
 * The crypto lives in `@glaceon/protocol/node` (fleetServerKey, signFleetPush, ...);
 * this file holds the language-neutral names and the canonical strings, so engine
 * teams and the tests read one definition.
 *
 *  - Each server holds its own credential, bound to its id:
 *      serverKey = base64url( HMAC-SHA256( key = UTF-8(FLEET_KEY), msg = UTF-8(FLEET_SERVER_KEY_LABEL + serverId) ) )
 *    The operator's provisioning tool derives it; the fleet secret (FLEET_KEY) stays with Coral.
 *  - Moonstone -> Coral: `Authorization: Bearer <serverKey>` and `X-Glaceon-Server: <serverId>`.
 *  - Coral -> Moonstone (pushes): no secret travels; `X-Glaceon-Timestamp` and
 *    `X-Glaceon-Signature: v1=<base64url(HMAC-SHA256(key = ASCII(serverKey), msg = fleetPushCanonical(...)))>`.
 */
export const FLEET_SERVER_KEY_LABEL = 'glaceon.fleet.server.v1:';
export const FLEET_PUSH_LABEL = 'glaceon.fleet.push.v1';
export const FLEET_SERVER_HEADER = 'x-glaceon-server';
export const FLEET_TIMESTAMP_HEADER = 'x-glaceon-timestamp';
export const FLEET_SIGNATURE_HEADER = 'x-glaceon-signature';
/** A push whose timestamp is further than this from the receiver's clock is refused (and a repeat inside it too). */
export const FLEET_PUSH_WINDOW_MS = 30_000;

/**
 * The exact bytes a push signature covers (ASCII, LF separated, no trailing LF):
 *   glaceon.fleet.push.v1 \n METHOD \n path \n timestamp \n hex(sha256(body))
 * `path` is the request target as sent (e.g. `/v1/games`, with the controlUrl's path prefix).
 */
export function fleetPushCanonical(method: string, path: string, timestamp: string, bodySha256Hex: string): string {
  return [FLEET_PUSH_LABEL, method.toUpperCase(), path, timestamp, bodySha256Hex].join('\n');
}
