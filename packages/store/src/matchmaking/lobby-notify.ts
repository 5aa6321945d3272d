/**
 * After any change of a lobby's state, Realm tells its members (lobby updates
 * are pushed by Realm); store/lobbies owns that notification.
 */
import type { LobbyChatLine } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { notifyLobbyChanged } from '../lobbies/index.js';
import { notifyLobbyMembers } from '../lobbies/notify.js';

/**
 * `memberIds`: the members when a script just returned them (saves reading the lobby again).
 * `line`: a chat line the same script wrote, pushed in the same notice (given with `memberIds`).
 */
export async function lobbyChanged(redis: RedisClient, lobbyId: string, memberIds?: readonly string[], line?: LobbyChatLine): Promise<void> {
  try {
    await (memberIds ? notifyLobbyMembers(redis, lobbyId, memberIds, undefined, line) : notifyLobbyChanged(redis, lobbyId));
  } catch {
    // A hint only (pub/sub): Realm reconciles from the lobby hash; never fail a committed transition for it.
  }
}
