/**
 * Presence, derived: online while any event socket (any instance) is live,
 * refined by the lobby's state. Announced to friends only when it changes
 * (compare-and-set), through their per-player channels.
 */
import {
  expiredPresence,
  getFriendIds,
  getPlayerLobby,
  getPlayerLobbyId,
  isOnline,
  notifyLobbyChanged,
  publishToPlayers,
  swapAnnouncedPresence,
  settlePresenceDeadline,
  type RedisClient,
} from '@glaceon/store';
import { presenceOf } from './views.js';

export async function recomputePresence(redis: RedisClient, playerId: string): Promise<void> {
  const online = await isOnline(redis, playerId);
  const lobby = online ? await getPlayerLobby(redis, playerId) : null;
  const presence = presenceOf(online, lobby);
  const swapped = await swapAnnouncedPresence(redis, playerId, presence);
  if (!swapped.changed) return;
  const friends = await getFriendIds(redis, playerId);
  await publishToPlayers(redis, friends, { kind: 'event', event: { type: 'presence', playerId, presence } });
  // Connected / disconnected in the lobby (#15): on a flip, the members re-read the lobby with who is online.
  if ((swapped.previous === 'offline') !== (presence === 'offline')) {
    const lobbyId = lobby?.id ?? (await getPlayerLobbyId(redis, playerId));
    if (lobbyId) await notifyLobbyChanged(redis, lobbyId);
  }
}

/** Players whose every connection missed its deadline (their instance died): recompute, which announces them offline. */
export async function sweepPresence(redis: RedisClient): Promise<void> {
  for (const playerId of await expiredPresence(redis)) {
    if (await settlePresenceDeadline(redis, playerId)) await recomputePresence(redis, playerId);
  }
}
