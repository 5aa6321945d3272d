/**
 * Direct invites: a friend's invitation into a lobby, kept in the invitee's
 * slot (`player:{p}:invites`, hash inviteId -> JSON) until accepted, declined
 * or expired. Each change is pushed to the invitee's launchers before the
 * function resolves (`invite.received`, `invite.removed`).
 */
import { createHash } from 'node:crypto';
import { createDecoder, DirectInviteSchema, GlaceonError, type DirectInvite, type QueueModeId } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { expectOk } from '../lua.js';
import { publishToPlayer } from '../presence/bus.js';
import { directInvitesKey } from './keys.js';
import { INVITE_ERRORS, inviteScripts } from './scripts.js';

export const DIRECT_INVITE_TTL_MS = 10 * 60 * 1000;
/** Pending direct invites one player may hold; more are refused (RATE_LIMITED) until some expire or are answered. */
export const MAX_PENDING_DIRECT_INVITES = 20;
const decode = createDecoder(DirectInviteSchema);

/** One id per (from, lobby) in the invitee's hash: the same invite twice is one invite (#12 item 9). */
function directInviteId(fromId: string, lobbyId: string): string {
  return `inv_${createHash('sha256').update(`${fromId}\n${lobbyId}`).digest('base64url').slice(0, 22)}`;
}

/**
 * Invite `toId` into a lobby: deduplicated per (from, to, lobby) - a repeat
 * returns the pending invite and pushes nothing - and capped per recipient.
 */
export async function createDirectInvite(
  redis: RedisClient,
  input: { toId: string; lobbyId: string; from: { id: string; name: string }; mode: QueueModeId; ttlMs?: number; maxPending?: number },
): Promise<DirectInvite> {
  const at = Date.now();
  const ttl = input.ttlMs ?? DIRECT_INVITE_TTL_MS;
  const invite: DirectInvite = {
    id: directInviteId(input.from.id, input.lobbyId),
    lobbyId: input.lobbyId,
    from: input.from,
    mode: input.mode,
    at,
    expiresAt: at + ttl,
  };
  const reply = expectOk(
    INVITE_ERRORS,
    'direct-invite',
    await inviteScripts(redis).directInvite(
      [directInvitesKey(input.toId)],
      [invite.id, JSON.stringify(invite), at, ttl, input.maxPending ?? MAX_PENDING_DIRECT_INVITES],
    ),
  );
  if (reply[0] === 0) {
    const existing = decode.decodeText(String(reply[1]));
    if (existing.ok) return existing.value;
  }
  await publishToPlayer(redis, input.toId, { kind: 'event', event: { type: 'invite.received', invite } });
  return invite;
}

/** Pending, unexpired invites, oldest first; expired ones are dropped on the way. */
export async function listDirectInvites(redis: RedisClient, playerId: string): Promise<DirectInvite[]> {
  const all = await redis.hgetall(directInvitesKey(playerId));
  const now = Date.now();
  const live: DirectInvite[] = [];
  const stale: string[] = [];
  for (const [id, raw] of Object.entries(all)) {
    const parsed = decode.decodeText(raw);
    if (parsed.ok && parsed.value.expiresAt > now) live.push(parsed.value);
    else stale.push(id);
  }
  if (stale.length > 0) await redis.hdel(directInvitesKey(playerId), ...stale);
  return live.sort((a, b) => a.at - b.at);
}

/** Remove and return one invite (accept / decline). NOT_FOUND when absent or expired. */
export async function takeDirectInvite(redis: RedisClient, playerId: string, inviteId: string): Promise<DirectInvite> {
  const key = directInvitesKey(playerId);
  const [[, raw], [, removed]] = (await redis.multi().hget(key, inviteId).hdel(key, inviteId).exec()) as [[unknown, string | null], [unknown, number]];
  if (!raw || removed !== 1) throw new GlaceonError('NOT_FOUND', 'No such invite.');
  const parsed = decode.decodeText(raw);
  if (!parsed.ok || parsed.value.expiresAt <= Date.now()) throw new GlaceonError('NOT_FOUND', 'This invite has expired.');
  await publishToPlayer(redis, playerId, { kind: 'event', event: { type: 'invite.removed', inviteId: parsed.value.id } });
  return parsed.value;
}
