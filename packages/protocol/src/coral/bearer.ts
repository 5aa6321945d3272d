/**
 * Browsers cannot set headers on a WebSocket, so a browser client passes its
 * session as a subprotocol `glaceon.bearer.<token>` beside `glaceon.v1`; Node
 * clients may use `Authorization: Bearer <token>` instead. Never in the URL
 * (URLs end up in proxy logs). The server answers with `glaceon.v1` only.
 */
export const CORAL_SUBPROTOCOL = 'glaceon.v1';
export const BEARER_SUBPROTOCOL_PREFIX = 'glaceon.bearer.';

export function bearerSubprotocol(token: string): string {
  return `${BEARER_SUBPROTOCOL_PREFIX}${token}`;
}

/** The socket path on Coral (and on the load balancer in front of it). */
export const CORAL_PLAY_PATH = '/v1/play';
