/**
 * After any change of a lobby's state, Realm tells its members (lobby updates
 * are pushed by Realm); store/lobbies owns that notification.
 */
import type { RedisClient } from '../redis.js';
import { notifyLobbyChanged } from '../lobbies/index.js';

export async function lobbyChanged(redis: RedisClient, lobbyId: string): Promise<void> {
  try {
    await notifyLobbyChanged(redis, lobbyId);
  } catch {
    // A hint only (pub/sub): Realm reconciles from the lobby hash; never fail a committed transition for it.
  }
}
