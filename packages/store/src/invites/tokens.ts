/**
 * Invite tokens: 24 random bytes (192 bits) as base64url, stored only as their
 * SHA-256 under `invite:{<hash>}` with an expiry and a use limit. A lobby names
 * its one current token by hash (`lobby.inviteHash`); rotating or closing the
 * lobby revokes the old one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GlaceonError, InviteTokenSchema } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { expectOk } from '../lua.js';
import { inviteKey } from './keys.js';
import { INVITE_ERRORS, inviteScripts } from './scripts.js';

export const INVITE_TOKEN_BYTES = 24;
export const DEFAULT_INVITE_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_INVITE_MAX_USES = 20;
/**
 * Records outlive their expiry (or revocation) by this much so a late use gets
 * INVITE_EXPIRED / REVOKED rather than INVALID. An hour covers a link opened a
 * little late; longer only left one key per rotation for a day (#12 item 9).
 */
export const INVITE_KEEP_AFTER_END_MS = 60 * 60 * 1000;

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const TOKEN_RE = new RegExp((InviteTokenSchema as { pattern: string }).pattern);

export interface IssuedInvite {
  token: string;
  tokenHash: string;
  expiresAt: number;
  maxUses: number;
}

/** Mint a token for a lobby and store its record (not yet attached to the lobby: see setLobbyInviteHash / createLobby). */
export async function issueInviteToken(redis: RedisClient, input: { lobbyId: string; ttlMs?: number; maxUses?: number }): Promise<IssuedInvite> {
  const token = randomBytes(INVITE_TOKEN_BYTES).toString('base64url');
  const tokenHash = hashInviteToken(token);
  const ttlMs = input.ttlMs ?? DEFAULT_INVITE_TTL_MS;
  const maxUses = input.maxUses ?? DEFAULT_INVITE_MAX_USES;
  const expiresAt = Date.now() + ttlMs;
  await redis
    .multi()
    .hset(inviteKey(tokenHash), { lobbyId: input.lobbyId, expiresAt, usesLeft: maxUses, maxUses, revoked: 0 })
    .pexpire(inviteKey(tokenHash), ttlMs + INVITE_KEEP_AFTER_END_MS)
    .exec();
  return { token, tokenHash, expiresAt, maxUses };
}

/** Spend one use. Throws INVITE_INVALID / _EXPIRED / _REVOKED / _USED_UP. */
export async function useInviteToken(redis: RedisClient, token: string): Promise<{ lobbyId: string; tokenHash: string }> {
  if (!TOKEN_RE.test(token)) throw new GlaceonError('INVITE_INVALID');
  const tokenHash = hashInviteToken(token);
  const reply = expectOk(INVITE_ERRORS, 'use-invite', await inviteScripts(redis).useInvite([inviteKey(tokenHash)], [Date.now()]));
  return { lobbyId: String(reply[1]), tokenHash };
}

export async function refundInviteUse(redis: RedisClient, tokenHash: string): Promise<void> {
  await inviteScripts(redis).refundInvite([inviteKey(tokenHash)], []);
}

export async function revokeInviteToken(redis: RedisClient, tokenHash: string): Promise<void> {
  if (!tokenHash) return;
  await inviteScripts(redis).revokeInvite([inviteKey(tokenHash)], [INVITE_KEEP_AFTER_END_MS]);
}

/** Delete a token record that was minted but never attached to a lobby nor shown (a step that failed after minting). */
export async function discardInviteToken(redis: RedisClient, tokenHash: string): Promise<void> {
  if (tokenHash) await redis.del(inviteKey(tokenHash));
}

/**
 * Check a token without spending a use (the join preview). Same errors as
 * useInviteToken; read-only.
 */
export async function peekInviteToken(redis: RedisClient, token: string): Promise<{ lobbyId: string; tokenHash: string }> {
  if (!TOKEN_RE.test(token)) throw new GlaceonError('INVITE_INVALID');
  const tokenHash = hashInviteToken(token);
  const [lobbyId, expiresAt, usesLeft, revoked] = await redis.hmget(inviteKey(tokenHash), 'lobbyId', 'expiresAt', 'usesLeft', 'revoked');
  if (!lobbyId) throw new GlaceonError('INVITE_INVALID');
  if (revoked === '1') throw new GlaceonError('INVITE_REVOKED');
  if (Date.now() >= Number(expiresAt)) throw new GlaceonError('INVITE_EXPIRED');
  if (Number(usesLeft) <= 0) throw new GlaceonError('INVITE_USED_UP');
  return { lobbyId, tokenHash };
}
