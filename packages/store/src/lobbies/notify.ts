import type { RedisClient } from '../redis.js';
import { publishToPlayers } from '../presence/bus.js';
import { getLobby } from './read.js';

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
  const lobby = await getLobby(redis, lobbyId);
  const members = lobby ? lobby.members.map((m) => m.id) : [];
  await publishToPlayers(redis, members, { kind: 'lobby', lobbyId, reason: 'changed' });
  if (alsoNotify && alsoNotify.playerIds.length > 0) {
    await publishToPlayers(redis, alsoNotify.playerIds, { kind: 'lobby', lobbyId, reason: alsoNotify.reason });
  }
}
