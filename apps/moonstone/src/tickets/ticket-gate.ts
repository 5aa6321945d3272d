import { errorBody, err, ok, type JoinTicketPayload, type ProtocolErrorBody, type Result } from '@glaceon/protocol';
import { decodeJoinTicket } from '@glaceon/protocol';
import { verifyJoinTicket } from '@glaceon/protocol/node';

/** What the gate needs to know about a game on this server. */
export interface GameView {
  readonly phase: 'waiting' | 'running' | 'over';
  hasPlayer(playerId: string): boolean;
  isConnected(playerId: string): boolean;
}

export interface Admission {
  payload: JoinTicketPayload;
  /** true: this ticket was used before, and the same player is coming back to the same running game. */
  reused: boolean;
}

interface Use {
  gameId: string;
  playerId: string;
  firstUsedAt: number;
}

/**
 * Moonstone's ticket rules, beyond the signature (verifyJoinTicket checks
 * signature, game, server and expiry with the public key only):
 *  - the game must be running on this server and the player on its roster;
 *  - a ticket (jti) is good once; afterwards only for the same player
 *    reconnecting to the same game while it runs and while they are not
 *    connected (so nobody can use a copy alongside the owner), even past
 *    `exp`: it was genuine and unexpired when first used;
 *  - a player already connected is not admitted twice.
 */
export class TicketGate {
  private readonly used = new Map<string, Use>();

  constructor(
    private readonly serverId: string,
    private readonly publicKeyPem: () => string | undefined,
  ) {}

  admit(ticket: string, claimedGameId: string, lookup: (gameId: string) => GameView | undefined, now = Date.now()): Result<Admission> {
    const key = this.publicKeyPem();
    if (key === undefined) return err(errorBody('UNAVAILABLE', 'This server has not registered with the fleet yet; retry shortly.'));
    const expect = { serverId: this.serverId, gameId: claimedGameId };
    let verified = verifyJoinTicket(ticket, key, { ...expect, now });
    let priorUse: Use | undefined;
    if (!verified.ok && verified.error.code === 'TICKET_EXPIRED') {
      // Expired now, but maybe first used while valid: then check it as of that moment.
      const decoded = decodeJoinTicket(ticket);
      priorUse = decoded.ok ? this.used.get(decoded.value.payload.jti) : undefined;
      if (!priorUse) return verified;
      verified = verifyJoinTicket(ticket, key, { ...expect, now: priorUse.firstUsedAt });
    }
    if (!verified.ok) return verified;
    const payload = verified.value;
    const use = priorUse ?? this.used.get(payload.jti);
    const game = lookup(payload.gid);
    if (!game || game.phase === 'over') return refuse('NOT_FOUND', 'That game is not running on this server.');
    if (!game.hasPlayer(payload.pid)) return refuse('TICKET_INVALID', 'The join ticket is not valid: the player is not in this game.');
    if (use) {
      if (use.playerId !== payload.pid || use.gameId !== payload.gid) return refuse('TICKET_USED');
      if (game.isConnected(payload.pid)) return refuse('TICKET_USED', 'The join ticket was already used, and its player is connected.');
      return ok({ payload, reused: true });
    }
    if (game.isConnected(payload.pid)) return refuse('WRONG_STATE', 'This player is already connected to the game.');
    this.used.set(payload.jti, { gameId: payload.gid, playerId: payload.pid, firstUsedAt: now });
    return ok({ payload, reused: false });
  }

  /** A game is over: its tickets can never admit anyone again (the game is gone), so forget them. */
  forgetGame(gameId: string): void {
    for (const [jti, use] of this.used) if (use.gameId === gameId) this.used.delete(jti);
  }
}

function refuse(code: ProtocolErrorBody['code'], message?: string): Result<never> {
  return err(errorBody(code, message));
}
