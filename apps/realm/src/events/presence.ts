/**
 * Presence, derived: online while any event socket (any instance) is live,
 * refined by the lobby's state. Announced to friends only when it changes
 * (compare-and-set), through their per-player channels.
 */
import {
  expiredPresence,
  getFriendIds,
  getPlayerLobby,
  isOnline,
  publishToPlayers,
  setAnnouncedPresence,
  settlePresenceDeadline,
  type RedisClient,
} from '@glaceon/store';
import { presenceOf } from './views.js';

export async function recomputePresence(redis: RedisClient, playerId: string): Promise<void> {
  const online = await isOnline(redis, playerId);
  const lobby = online ? await getPlayerLobby(redis, playerId) : null;
  const presence = presenceOf(online, lobby);
  if (!(await setAnnouncedPresence(redis, playerId, presence))) return;
  const friends = await getFriendIds(redis, playerId);
  await publishToPlayers(redis, friends, { kind: 'event', event: { type: 'presence', playerId, presence } });
}

/** Players whose every connection missed its deadline (their instance died): recompute, which announces them offline. */
export async function sweepPresence(redis: RedisClient): Promise<void> {
  for (const playerId of await expiredPresence(redis)) {
    if (await settlePresenceDeadline(redis, playerId)) await recomputePresence(redis, playerId);
  }
}
