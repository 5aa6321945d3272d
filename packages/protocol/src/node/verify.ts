import { verify } from 'node:crypto';
import { errorBody } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { decodeJoinTicket } from '../ticket/decode.js';
import type { JoinTicketPayload } from '../ticket/payload.js';
import { cachedKey } from './keys.js';

export interface JoinTicketExpectations {
  /** Reject unless the ticket is for this game. */
  gameId?: string;
  /** Reject unless the ticket is for this player. */
  playerId?: string;
  /** Reject unless the ticket is for this Moonstone server. */
  serverId?: string;
  /** Clock, ms since epoch (default Date.now()). */
  now?: number;
}

const invalid = (why: string) => err(errorBody('TICKET_INVALID', `The join ticket is not valid: ${why}.`));

/**
 * Verify a join ticket with the public key only (Moonstone's side). Never
 * throws. TICKET_INVALID: malformed, bad signature, wrong key, or not for this
 * game / player / server. TICKET_EXPIRED: genuine and meant for here, but past
 * `exp`. Single use (TICKET_USED) is the verifier's job: remember `jti` until `exp`.
 */
export function verifyJoinTicket(ticket: string, publicKeyPem: string, expected: JoinTicketExpectations = {}): Result<JoinTicketPayload> {
  const decoded = decodeJoinTicket(ticket);
  if (!decoded.ok) return decoded;
  const key = cachedKey(publicKeyPem, 'public');
  if (!key) return invalid('the verifier has no usable Ed25519 public key');
  const { payload, signedPart, signature } = decoded.value;
  let genuine = false;
  try {
    genuine = verify(null, Buffer.from(signedPart, 'ascii'), key, signature);
  } catch {
    genuine = false;
  }
  if (!genuine) return invalid('bad signature');
  // Identity before expiry: an expired ticket for another game is simply not ours.
  if (expected.gameId !== undefined && payload.gid !== expected.gameId) return invalid('issued for another game');
  if (expected.playerId !== undefined && payload.pid !== expected.playerId) return invalid('issued for another player');
  if (expected.serverId !== undefined && payload.sid !== expected.serverId) return invalid('issued for another server');
  const now = expected.now ?? Date.now();
  if (payload.exp <= now) return err(errorBody('TICKET_EXPIRED'));
  return ok(payload);
}
