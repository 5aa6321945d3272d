import { decodeBase64Url, decodeUtf8Base64Url } from '../common/base64url.js';
import { createDecoder } from '../core/decode.js';
import { errorBody } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { JOIN_TICKET_SIGNATURE_BYTES, JoinTicketPayloadSchema, MAX_JOIN_TICKET_CHARS, type JoinTicketPayload } from './payload.js';

export interface DecodedJoinTicket {
  payload: JoinTicketPayload;
  /** The exact text the signature covers (the first part, ASCII). */
  signedPart: string;
  signature: Uint8Array;
}

const payloadDecoder = createDecoder(JoinTicketPayloadSchema);
const TICKET_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const invalid = (why: string) => err(errorBody('TICKET_INVALID', `The join ticket is not valid: ${why}.`));

/**
 * Split and parse a ticket `<base64url(JSON payload)>.<base64url(signature)>`
 * WITHOUT verifying the signature: for displaying it or routing it. Only
 * `verifyJoinTicket` from `@glaceon/protocol/node` (or an engine's own
 * Ed25519 check) may admit a player.
 */
export function decodeJoinTicket(ticket: string): Result<DecodedJoinTicket> {
  if (typeof ticket !== 'string') return invalid('not a string');
  if (ticket.length > MAX_JOIN_TICKET_CHARS) return invalid('too long');
  if (!TICKET_SHAPE.test(ticket)) return invalid('expected <payload>.<signature> in base64url');
  const dot = ticket.indexOf('.');
  const signedPart = ticket.slice(0, dot);
  const signature = decodeBase64Url(ticket.slice(dot + 1));
  if (!signature || signature.length !== JOIN_TICKET_SIGNATURE_BYTES) return invalid('bad signature encoding');
  const json = decodeUtf8Base64Url(signedPart);
  if (json === undefined) return invalid('bad payload encoding');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return invalid('payload is not JSON');
  }
  const payload = payloadDecoder.decode(parsed);
  if (!payload.ok) return invalid(`payload ${payload.error.message}`);
  if (payload.value.exp <= payload.value.iat) return invalid('expires before it was issued');
  return ok({ payload: payload.value, signedPart, signature });
}
