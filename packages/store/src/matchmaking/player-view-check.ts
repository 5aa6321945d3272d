/**
 * The cheap half of Coral's timed reconcile: one read that proves a player's
 * position has not moved since a Coral last told them, without the full view
 * (`getPlayerMatchView`, three or four reads). It works because the lobby hash
 * mirrors the queue entry (its `state` and `ticket`) and membership is locked
 * outside idle. docs/decisions/coral-server-003-events-and-reconcile.md.
 */
import { keys } from '../keys.js';
import type { RedisClient } from '../redis.js';

/** Where a Coral last told a player they are (plain data; lobbyId '' when it never learned the lobby). */
export type ToldPlayerPosition =
  | { state: 'none' }
  | { state: 'idle'; lobbyId: string }
  /** ticket: the queue ticket the player was told of (undefined: unknown, never proves anything). */
  | { state: 'queued'; lobbyId: string; ticket: string | undefined }
  | { state: 'prematch'; lobbyId: string }
  | { state: 'ingame'; lobbyId: string; ready: boolean };

/**
 * True when the keys still say what `told` says: still in no lobby; still a member of that idle
 * lobby; or that lobby still in that state (and, queued, under that ticket). False means "not
 * proven": read the full view. A game still being created is never proven (the lobby says `ingame`
 * before and after the server is known).
 */
export async function playerViewUnchanged(redis: RedisClient, playerId: string, told: ToldPlayerPosition): Promise<boolean> {
  if (told.state === 'none') return (await redis.hget(keys.player(playerId), 'lobby')) === null;
  if (told.state === 'ingame' && !told.ready) return false;
  if (told.state === 'idle') {
    // Membership can change only while idle: check the player is still in that lobby.
    const [lobbyOfPlayer, state] = await Promise.all([redis.hget(keys.player(playerId), 'lobby'), redis.hget(keys.lobby(told.lobbyId), 'state')]);
    return lobbyOfPlayer === told.lobbyId && (state ?? 'idle') === 'idle';
  }
  // Queued, in a ready check or in a game, the lobby is locked: its state and ticket say it all.
  const [state, ticket] = await redis.hmget(keys.lobby(told.lobbyId), 'state', 'ticket');
  if (state !== told.state) return false;
  return told.state !== 'queued' || told.ticket === (ticket ?? '');
}
