import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { publishToPlayers } from '../presence/bus.js';

/**
 * Tell every Realm instance holding a member's event socket that this lobby
 * changed: each pushes a fresh lobby snapshot and recomputes the member's
 * presence (in lobby / in queue / in game) for their friends. Coral calls this
 * after every lobby state change it makes; Realm after every membership change.
 * `alsoNotify`: former members (left, kicked) who must learn they are out.
 */
export async function notifyLobbyChanged(
  redis: RedisClient,
  lobbyId: string,
  alsoNotify: { playerIds: string[]; reason: 'kicked' | 'left' | 'closed' } | undefined = undefined,
): Promise<void> {
  // Only the member ids are needed (the message names the lobby; Realm reads it itself).
  const members = memberIdsOf(await redis.hget(keys.lobby(lobbyId), 'members'));
  await Promise.all([
    notifyLobbyMembers(redis, lobbyId, members),
    alsoNotify && alsoNotify.playerIds.length > 0 ? publishToPlayers(redis, alsoNotify.playerIds, { kind: 'lobby', lobbyId, reason: alsoNotify.reason }) : undefined,
  ]);
}

/** The same notification when the caller already knows the members (Coral's scripts return them). */
export async function notifyLobbyMembers(redis: RedisClient, lobbyId: string, memberIds: readonly string[]): Promise<void> {
  await publishToPlayers(redis, memberIds, { kind: 'lobby', lobbyId, reason: 'changed' });
}

function memberIdsOf(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((m: unknown) => (m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string' ? [(m as { id: string }).id] : []));
  } catch {
    return [];
  }
}
