import type { LobbyChatLine } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { publishToPlayers } from '../presence/bus.js';
import { parseMemberIds } from './read.js';

/** Former members (left, kicked, or the last one out when the lobby closed) who must learn they are out. */
export interface FormerMembers {
  playerIds: string[];
  reason: 'kicked' | 'left' | 'closed';
}

/**
 * Tell every Realm instance holding a member's event socket that this lobby
 * changed: each pushes a fresh lobby snapshot and recomputes the member's
 * presence (in lobby / in queue / in game) for their friends. Coral calls this
 * after every lobby state change it makes; the membership functions
 * (membership.ts) call it themselves after every change they make.
 */
export async function notifyLobbyChanged(redis: RedisClient, lobbyId: string, alsoNotify: FormerMembers | undefined = undefined): Promise<void> {
  // Only the member ids are needed (the message names the lobby; Realm reads it itself).
  const members = parseMemberIds(await redis.hget(keys.lobby(lobbyId), 'members'));
  await notifyLobbyMembers(redis, lobbyId, members, alsoNotify);
}

/**
 * The same notification when the caller already knows the members (Coral's scripts return them;
 * membership.ts has just read the lobby). `line`: a chat line written with the change, which
 * Realm pushes (`chat.line`) before the lobby: one message per member instead of two.
 */
export async function notifyLobbyMembers(
  redis: RedisClient,
  lobbyId: string,
  memberIds: readonly string[],
  alsoNotify: FormerMembers | undefined = undefined,
  line: LobbyChatLine | undefined = undefined,
): Promise<void> {
  await Promise.all([
    publishToPlayers(redis, memberIds, { kind: 'lobby', lobbyId, reason: 'changed', ...(line ? { line } : {}) }),
    alsoNotify && alsoNotify.playerIds.length > 0
      ? publishToPlayers(redis, alsoNotify.playerIds, { kind: 'lobby', lobbyId, reason: alsoNotify.reason })
      : undefined,
  ]);
}
