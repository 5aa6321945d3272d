/**
 * After any change of a lobby's state, Realm tells its members (lobby updates
 * are pushed by Realm); store/lobbies owns that notification.
 */
import type { RedisClient } from '../redis.js';
import { notifyLobbyChanged } from '../lobbies/index.js';
import { notifyLobbyMembers } from '../lobbies/notify.js';

/** `memberIds`: the members when a script just returned them (saves reading the lobby again). */
export async function lobbyChanged(redis: RedisClient, lobbyId: string, memberIds?: readonly string[]): Promise<void> {
  try {
    await (memberIds ? notifyLobbyMembers(redis, lobbyId, memberIds) : notifyLobbyChanged(redis, lobbyId));
  } catch {
    // A hint only (pub/sub): Realm reconciles from the lobby hash; never fail a committed transition for it.
  }
}
