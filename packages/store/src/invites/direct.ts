/**
 * Direct invites: a friend's invitation into a lobby, kept in the invitee's
 * slot (`player:{p}:invites`, hash inviteId -> JSON) until accepted, declined
 * or expired. Each change is pushed to the invitee's launchers before the
 * function resolves (`invite.received`, `invite.removed`).
 */
import { createDecoder, DirectInviteSchema, GlaceonError, newId, type DirectInvite, type QueueModeId } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { publishToPlayer } from '../presence/bus.js';
import { directInvitesKey } from './keys.js';

export const DIRECT_INVITE_TTL_MS = 10 * 60 * 1000;
const decode = createDecoder(DirectInviteSchema);

export async function createDirectInvite(
  redis: RedisClient,
  input: { toId: string; lobbyId: string; from: { id: string; name: string }; mode: QueueModeId; ttlMs?: number },
): Promise<DirectInvite> {
  const at = Date.now();
  const ttl = input.ttlMs ?? DIRECT_INVITE_TTL_MS;
  const invite: DirectInvite = { id: `inv_${newId('t_').slice(2)}`, lobbyId: input.lobbyId, from: input.from, mode: input.mode, at, expiresAt: at + ttl };
  const key = directInvitesKey(input.toId);
  // One key: MULTI is atomic. The key's TTL covers its newest invite; older ones are filtered on read.
  await redis.multi().hset(key, invite.id, JSON.stringify(invite)).pexpire(key, ttl).exec();
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
