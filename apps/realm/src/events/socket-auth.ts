/**
 * Who is opening the event socket, decided before the upgrade completes: a
 * request without a live session is answered 401 and never becomes a socket.
 * Node clients send `Authorization: Bearer <token>`. Browsers cannot set
 * headers on a WebSocket, so they offer two subprotocols, `glaceon.v1` and
 * `glaceon.bearer.<token>`; the server selects `glaceon.v1` (never echoing
 * the token). The token stays out of the URL and so out of access logs.
 * docs/decisions/realm-001-socket-auth.md
 */
import type { FastifyRequest } from 'fastify';
import { REALM_BEARER_SUBPROTOCOL_PREFIX, REALM_SUBPROTOCOL } from '@glaceon/protocol';
import { bearerToken } from '../plugins/auth.js';

export function socketToken(request: FastifyRequest): string | undefined {
  const header = bearerToken(request);
  if (header) return header;
  const offered = request.headers['sec-websocket-protocol'];
  if (typeof offered !== 'string') return undefined;
  const protocols = offered.split(',').map((p) => p.trim());
  if (!protocols.includes(REALM_SUBPROTOCOL)) return undefined;
  const bearer = protocols.find((p) => p.startsWith(REALM_BEARER_SUBPROTOCOL_PREFIX));
  return bearer?.slice(REALM_BEARER_SUBPROTOCOL_PREFIX.length);
}

/** ws `handleProtocols`: pick `glaceon.v1` whenever offered; nothing else is ever selected. */
export function selectProtocol(protocols: Set<string>): string | false {
  return protocols.has(REALM_SUBPROTOCOL) ? REALM_SUBPROTOCOL : false;
}
