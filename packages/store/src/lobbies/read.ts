import { createDecoder, LobbySchema, type Lobby } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { parseJson } from '../json.js';

const decodeLobby = createDecoder(LobbySchema);

/** Coral writes the last result as a JSON object; anything else reads as "no result" rather than breaking the lobby. */
function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * The member ids in a lobby's raw `members` field (JSON array of `{id, name}`);
 * [] when absent or malformed. For callers that read only that field (the
 * queue's pre-checks, notifications); the scripts re-check membership.
 */
export function parseMemberIds(members: string | null | undefined): string[] {
  return parseMembers(members).map((m) => m.id);
}

/** The members in a lobby's raw `members` field, with their names where stored (the same leniency as parseMemberIds). */
export function parseMembers(members: string | null | undefined): { id: string; name?: string }[] {
  const parsed = parseJson(members);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((m: unknown) => {
    if (!m || typeof m !== 'object') return [];
    const { id, name } = m as { id?: unknown; name?: unknown };
    return typeof id === 'string' ? [typeof name === 'string' ? { id, name } : { id }] : [];
  });
}

/**
 * Whether a lobby's raw `members` field lists the player. A listed member's pointer names that
 * lobby: joins claim the pointer before adding the member, leaves remove the member before
 * releasing the pointer, and a late add after a repair is fenced (docs/redis/realm.md). So a
 * caller that already reads the lobby it believes the player is in learns from the same read
 * that it is, without reading the pointer (coral-perf-015). Not listed proves nothing: a
 * pointer may name a lobby mid-join; read the pointer then.
 */
export function lobbyListsMember(members: string | null | undefined, playerId: string): boolean {
  // The cheap test first: the id's quoted text is in the JSON, or it is surely not listed.
  return typeof members === 'string' && members.includes(`"${playerId}"`) && parseMemberIds(members).includes(playerId);
}

/** `idleBy` as Coral's mirror writes it (a JSON array of player ids, or ''); [] when absent or malformed. */
function parseIdleBy(raw: string | undefined): string[] {
  const parsed = parseJson(raw);
  return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, 16) : [];
}

/** Parse a lobby hash into the protocol's Lobby, validating it (Redis payloads are validated when read back). */
export function parseLobbyHash(hash: Record<string, string>): Lobby | null {
  if (!hash.id) return null;
  const idleBy = (hash.state || 'idle') === 'idle' ? parseIdleBy(hash.idleBy) : [];
  const candidate = {
    id: hash.id,
    host: hash.host,
    mode: hash.mode,
    members: parseJson(hash.members) ?? [],
    state: hash.state || 'idle',
    ticket: hash.ticket ?? '',
    queueMode: hash.queueMode ?? '',
    stateSince: Number(hash.stateSince ?? hash.createdAt ?? 0),
    idleReason: hash.idleReason ?? '',
    ...(idleBy.length > 0 ? { idleBy } : {}),
    lastResult: asObject(parseJson(hash.lastResult)),
    createdAt: Number(hash.createdAt ?? 0),
    version: Number(hash.version ?? 0),
  };
  const result = decodeLobby.decode(candidate);
  if (!result.ok) throw new Error(`lobby ${hash.id} in Redis does not match its schema: ${result.error.message}`);
  return result.value;
}

/** The lobby, parsed and validated, or null when it does not exist. */
export async function getLobby(redis: RedisClient, lobbyId: string): Promise<Lobby | null> {
  const hash = await redis.hgetall(keys.lobby(lobbyId));
  return parseLobbyHash(hash);
}

/** The lobby this player's pointer names (`player:{p}.lobby`, the authority), or null. */
export async function getPlayerLobbyId(redis: RedisClient, playerId: string): Promise<string | null> {
  const id = await redis.hget(keys.player(playerId), 'lobby');
  return id ? id : null;
}

/** The lobby's current invite hash ('' when none); Realm-internal. */
export async function getLobbyInviteHash(redis: RedisClient, lobbyId: string): Promise<string> {
  return (await redis.hget(keys.lobby(lobbyId), 'inviteHash')) ?? '';
}
