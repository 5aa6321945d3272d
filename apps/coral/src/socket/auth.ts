import type { IncomingMessage } from 'node:http';
import { BEARER_SUBPROTOCOL_PREFIX, CORAL_SUBPROTOCOL } from '@glaceon/protocol';

/**
 * The session token of an upgrade request: `Authorization: Bearer <t>` (Node
 * clients) or the subprotocol `glaceon.bearer.<t>` (browsers cannot set
 * headers on a WebSocket). Never read from the URL: URLs end up in logs.
 */
export function tokenOfUpgrade(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
    if (m) return m[1];
  }
  for (const protocol of offeredProtocols(req)) {
    if (protocol.startsWith(BEARER_SUBPROTOCOL_PREFIX)) return protocol.slice(BEARER_SUBPROTOCOL_PREFIX.length);
  }
  return undefined;
}

export function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return [];
  return header
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The subprotocol the server answers with: only ever `glaceon.v1`, never the bearer one (it would echo the secret). */
export function chooseProtocol(protocols: Set<string>): string | false {
  return protocols.has(CORAL_SUBPROTOCOL) ? CORAL_SUBPROTOCOL : false;
}
