/**
 * Leaving a running game early (game.leave, issue #12 item 10). Coral finds the caller's queue
 * entry in that game (`findGameEntry`), has the game's server release the entry's players, marks
 * them departed in the fleet (`departFleetPlayers`), then kills the entry (`leaveGameEntry`) so
 * the lobby goes idle with reason `left_game`. Both scripts are idempotent: a crash between them
 * is repaired by repeating game.leave, or by the game's end.
 */
import { GlaceonError, isSlotId, type QueueModeId } from '@glaceon/protocol';
import { keys } from '../keys.js';
import { getPlayerLobbyId } from '../lobbies/read.js';
import type { RedisClient } from '../redis.js';
import { queueKeys } from './keys.js';
import { applyMirrors } from './mirror.js';
import { check, runJson } from './scripts.js';
import { arr, parseJson } from './util.js';

/** A queue entry that is in a game: the lobby's players, all in it together. */
export interface GameEntry {
  lobbyId: string;
  mode: QueueModeId;
  ticket: string;
  gameId: string;
  /** The entry's players (the lobby's party when it queued; one for a solo player). */
  players: string[];
}

/**
 * The caller's queue entry, if it is `ingame` in `gameId`; WRONG_STATE (NOT_IN_LOBBY) otherwise.
 * Read only: the script re-checks the entry's state and game atomically.
 */
export async function findGameEntry(redis: RedisClient, playerId: string, gameId: string): Promise<GameEntry> {
  const lobbyId = await getPlayerLobbyId(redis, playerId);
  if (!lobbyId) throw new GlaceonError('NOT_IN_LOBBY', 'You are not in a lobby.');
  const [state, ticket, mode] = await redis.hmget(keys.lobby(lobbyId), 'state', 'ticket', 'queueMode');
  if (state !== 'ingame' || !ticket || !isSlotId(mode)) throw new GlaceonError('WRONG_STATE', 'Your lobby is not in a game.');
  const [entryState, pm, players] = await redis.hmget(queueKeys.ticket(mode, ticket), 'state', 'pm', 'players');
  if (entryState !== 'ingame' || !pm) throw new GlaceonError('WRONG_STATE', 'Your lobby is not in a game.');
  const entryGame = await redis.hget(queueKeys.prematch(mode, pm), 'gameId');
  if (entryGame !== gameId) throw new GlaceonError('WRONG_STATE', 'Your lobby is not in that game.');
  const ids = arr<string>(parseJson(players ?? null));
  if (ids.length === 0) throw new GlaceonError('WRONG_STATE', 'Your lobby is not in that game.');
  return { lobbyId, mode, ticket, gameId, players: ids };
}

/**
 * Kill an `ingame` queue entry of `gameId` with reason `left_game` (its lobby goes idle; the
 * game's later end does not name its players). `left` false: it was already dead (a repeat, or
 * the game ended meanwhile); its lobby mirror is applied again either way.
 */
export async function leaveGameEntry(
  redis: RedisClient,
  input: { mode: QueueModeId; ticket: string; gameId: string; now?: number },
): Promise<{ left: boolean }> {
  const now = input.now ?? Date.now();
  const reply = await runJson(redis, 'leave-game', [queueKeys.tag(input.mode)], [input.ticket, input.gameId, now]);
  await applyMirrors(redis, input.mode, reply.a, now);
  check('leave-game', reply);
  return { left: reply.r === 1 };
}
