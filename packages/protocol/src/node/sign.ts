import { sign } from 'node:crypto';
import { encodeBase64Url, encodeUtf8Base64Url } from '../common/base64url.js';
import { createDecoder } from '../core/decode.js';
import { GlaceonError } from '../core/errors.js';
import { JoinTicketPayloadSchema, type JoinTicketPayload } from '../ticket/payload.js';
import { cachedKey } from './keys.js';

const payloadDecoder = createDecoder(JoinTicketPayloadSchema);

/**
 * Sign a join ticket: `<base64url(JSON payload)>.<base64url(Ed25519 signature
 * over the first part's ASCII)>`. Throws on an invalid payload or key: both
 * are bugs or misconfiguration in the signer (Coral), never player input.
 */
export function signJoinTicket(payload: JoinTicketPayload, privateKeyPem: string): string {
  const checked = payloadDecoder.decode(payload);
  if (!checked.ok) throw new GlaceonError('INTERNAL', `Refusing to sign an invalid join ticket: ${checked.error.message}`);
  if (payload.exp <= payload.iat) throw new GlaceonError('INTERNAL', 'Refusing to sign a join ticket that expires before it was issued.');
  const key = cachedKey(privateKeyPem, 'private');
  if (!key) throw new GlaceonError('INTERNAL', 'The ticket signing key is not an Ed25519 private key.');
  // Re-serialise the checked value with a fixed field order so equal payloads give equal tickets.
  const { v, jti, gid, pid, sid, iat, exp } = checked.value;
  const signedPart = encodeUtf8Base64Url(JSON.stringify({ v, jti, gid, pid, sid, iat, exp }));
  const signature = sign(null, Buffer.from(signedPart, 'ascii'), key);
  return `${signedPart}.${encodeBase64Url(signature)}`;
}
