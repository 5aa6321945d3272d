import { newId } from '@glaceon/protocol';
import { signJoinTicket } from '@glaceon/protocol/node';

export interface TicketSigner {
  /** A join ticket bound to this player, game and server, valid for the configured TTL (<= 60 s). */
  issue(input: { gameId: string; playerId: string; serverId: string; now?: number }): { ticket: string; expiresAt: number };
}

export function createTicketSigner(privateKeyPem: string, ttlMs: number): TicketSigner {
  const ttl = Math.min(ttlMs, 60_000);
  return {
    issue({ gameId, playerId, serverId, now = Date.now() }) {
      const exp = now + ttl;
      const ticket = signJoinTicket({ v: 1, jti: newId('jt_'), gid: gameId, pid: playerId, sid: serverId, iat: now, exp }, privateKeyPem);
      return { ticket, expiresAt: exp };
    },
  };
}
