/**
 * The cheap half of Coral's timed reconcile: one read that proves a player's
 * position has not moved since a Coral last told them, without the full view
 * (`getPlayerMatchView`, three or four reads). Membership is locked outside
 * idle, so one key says it all: the queue entry while queued, the prematch in a
 * ready check (the lobby stays `queued` through it, coral-perf-006), the lobby's
 * mirror in a game. docs/decisions/coral-server-003-events-and-reconcile.md.
 */
import { keys } from '../keys.js';
import { lobbyListsMember } from '../lobbies/read.js';
import { queueKeys } from './keys.js';
import type { RedisClient } from '../redis.js';

/** Where a Coral last told a player they are (plain data; lobbyId '' when it never learned the lobby). */
export type ToldPlayerPosition =
  | { state: 'none' }
  | { state: 'idle'; lobbyId: string }
  /** ticket: the queue ticket the player was told of (undefined: unknown, never proves anything); mode: its queue slot. */
  | { state: 'queued'; lobbyId: string; mode: string; ticket: string | undefined }
  | { state: 'prematch'; lobbyId: string; mode: string; prematchId: string }
  | { state: 'ingame'; lobbyId: string; ready: boolean };

/**
 * True when the keys still say what `told` says: still in no lobby; still a member of that idle
 * lobby; that entry still queued (an entry dies before its lobby is released, so the lobby is
 * still locked to it); that prematch still in its ready check (it is deleted or moves on as a
 * whole); or that lobby still in a game. False means "not proven": read the full view. A game
 * still being created is never proven (the lobby says `ingame` before and after the server is known).
 */
export async function playerViewUnchanged(redis: RedisClient, playerId: string, told: ToldPlayerPosition): Promise<boolean> {
  if (told.state === 'none') return (await redis.hget(keys.player(playerId), 'lobby')) === null;
  if (told.state === 'ingame' && !told.ready) return false;
  if (told.state === 'idle') {
    // Membership can change only while idle: check the player is still in that lobby. A listed
    // member's pointer names the lobby (lobbyListsMember), so one read of the lobby says both.
    const [state, members] = await redis.hmget(keys.lobby(told.lobbyId), 'state', 'members');
    return lobbyListsMember(members, playerId) && (state ?? 'idle') === 'idle';
  }
  // Queued or in a ready check, the authority says it (the lobby reads `queued` for both).
  if (told.state === 'queued') {
    if (told.ticket === undefined) return false;
    const [state, lobby] = await redis.hmget(queueKeys.ticket(told.mode, told.ticket), 'state', 'lobby');
    return state === 'queued' && lobby === told.lobbyId;
  }
  if (told.state === 'prematch') return (await redis.hget(queueKeys.prematch(told.mode, told.prematchId), 'state')) === 'readycheck';
  // In a game, the lobby is locked and mirrors it.
  return (await redis.hget(keys.lobby(told.lobbyId), 'state')) === 'ingame';
}
