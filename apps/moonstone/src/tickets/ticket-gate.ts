import { errorBody, err, ok, type JoinTicketPayload, type ProtocolErrorBody, type Result } from '@glaceon/protocol';
import { verifyJoinTicket } from '@glaceon/protocol/node';

/** What the gate needs to know about a game on this server. */
export interface GameView {
  readonly phase: 'waiting' | 'running' | 'over';
  hasPlayer(playerId: string): boolean;
  isConnected(playerId: string): boolean;
}

export interface Admission {
  payload: JoinTicketPayload;
  /** true: the player was admitted to this game before (a reconnect, with a fresh ticket). */
  reconnect: boolean;
}

export interface ReconnectThrottle {
  /** Admissions of one player to one game allowed in a burst... */
  burst: number;
  /** ...then one more every this many ms. */
  refillMs: number;
}

export const DEFAULT_RECONNECT_THROTTLE: ReconnectThrottle = { burst: 3, refillMs: 5000 };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Moonstone's ticket rules, beyond the signature (verifyJoinTicket checks
 * signature, game, server and expiry with the public key only):
 *  - the game must be running on this server and the player on its roster;
 *  - a ticket (jti) admits once, ever: its id is remembered until it expires, so a
 *    copy read from another process's argv is worthless once its owner joined. A
 *    reconnect needs a fresh ticket (Coral signs one whenever the player asks);
 *  - a player already connected is not admitted twice;
 *  - a player's admissions to one game are throttled (a token bucket), so a client
 *    looping on reconnects cannot churn the game or flood Coral with reports.
 */
export class TicketGate {
  /** jti -> exp, in admission order (about exp order: every ticket lives ticketTtl). */
  private readonly used = new Map<string, number>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly admitted = new Set<string>();

  constructor(
    private readonly serverId: string,
    private readonly publicKeyPem: () => string | undefined,
    private readonly throttle: ReconnectThrottle = DEFAULT_RECONNECT_THROTTLE,
  ) {}

  admit(ticket: string, claimedGameId: string, lookup: (gameId: string) => GameView | undefined, now = Date.now()): Result<Admission> {
    const key = this.publicKeyPem();
    if (key === undefined) return err(errorBody('UNAVAILABLE', 'This server has not registered with the fleet yet; retry shortly.'));
    this.forgetExpired(now);
    const verified = verifyJoinTicket(ticket, key, { serverId: this.serverId, gameId: claimedGameId, now });
    if (!verified.ok) return verified;
    const payload = verified.value;
    const game = lookup(payload.gid);
    if (!game || game.phase === 'over') return refuse('NOT_FOUND', 'That game is not running on this server.');
    if (!game.hasPlayer(payload.pid)) return refuse('TICKET_INVALID', 'The join ticket is not valid: the player is not in this game.');
    if (this.used.has(payload.jti)) return refuse('TICKET_USED', 'This join ticket was already used; ask Coral for a fresh one to rejoin.');
    if (game.isConnected(payload.pid)) return refuse('WRONG_STATE', 'This player is already connected to the game.');
    const who = `${payload.gid} ${payload.pid}`;
    if (!this.take(who, now)) return refuse('RATE_LIMITED', 'Too many reconnects; wait a few seconds.');
    this.used.set(payload.jti, payload.exp);
    const reconnect = this.admitted.has(who);
    this.admitted.add(who);
    return ok({ payload, reconnect });
  }

  /** A game is over: drop its throttle state (its tickets stay remembered until they expire). */
  forgetGame(gameId: string): void {
    for (const who of this.admitted) if (who.startsWith(`${gameId} `)) this.admitted.delete(who);
    for (const who of this.buckets.keys()) if (who.startsWith(`${gameId} `)) this.buckets.delete(who);
  }

  /** Remembered ticket ids (for tests and health). */
  get remembered(): number {
    return this.used.size;
  }

  private take(who: string, now: number): boolean {
    const { burst, refillMs } = this.throttle;
    const b = this.buckets.get(who) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + (now - b.at) / refillMs);
    b.at = now;
    this.buckets.set(who, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private forgetExpired(now: number): void {
    // Oldest first; stop at the first live one (tickets share one TTL, so the rest are younger).
    for (const [jti, exp] of this.used) {
      if (exp > now) break;
      this.used.delete(jti);
    }
  }
}

function refuse(code: ProtocolErrorBody['code'], message?: string): Result<never> {
  return err(errorBody(code, message));
}
