import { randomBase64Url } from '../common/base64url.js';
import { GlaceonError, errorBody } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';

/**
 * Invite tokens are random base64url, at least 22 characters (128 bits).
 * Realm stores only their hash; the token travels in the link, never in logs.
 */
export const INVITE_TOKEN_MIN_CHARS = 22;
export const INVITE_TOKEN_MAX_CHARS = 64;
/**
 * No `g` flag: `.test` is stateless. Use `.source` in schemas (Realm's
 * `InviteTokenSchema` accepts the same texts).
 */
export const INVITE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

export const INVITE_LINK_PREFIX = 'glaceon://join/';
/** 24 random bytes = 192 bits, 32 characters: comfortably above the 128-bit floor. */
export const INVITE_TOKEN_BYTES = 24;
/** Longest text parseInviteLink looks at (pasted text may carry junk). */
const MAX_INPUT_CHARS = 512;

export function newInviteToken(): string {
  return randomBase64Url(INVITE_TOKEN_BYTES);
}

export function isInviteToken(value: unknown): value is string {
  return typeof value === 'string' && INVITE_TOKEN_PATTERN.test(value);
}

/** `glaceon://join/<token>`. Throws on a malformed token: that is a bug in the caller. */
export function buildInviteLink(token: string): string {
  if (!isInviteToken(token)) throw new GlaceonError('INVITE_INVALID', 'Refusing to build a link from a malformed invite token.');
  return `${INVITE_LINK_PREFIX}${token}`;
}

// Scheme and host are case-insensitive in URLs (some OSes hand deep links over lower- or upper-cased);
// the token is not.
const LINK = /^glaceon:\/\/join\/([^/]*)\/?$/i;

/**
 * Accepts what a player pastes or the OS hands over as a deep link:
 * `glaceon://join/<token>`, the same with a trailing slash, or a bare token,
 * with surrounding whitespace. Anything else is INVITE_INVALID.
 */
export function parseInviteLink(text: string): Result<{ token: string }> {
  if (typeof text !== 'string' || text.length > MAX_INPUT_CHARS) {
    return err(errorBody('INVITE_INVALID', 'That is not an invite link.'));
  }
  const trimmed = text.trim();
  const match = LINK.exec(trimmed);
  const token = match ? match[1]! : trimmed;
  if (!isInviteToken(token)) return err(errorBody('INVITE_INVALID', 'That is not an invite link or token.'));
  return ok({ token });
}
