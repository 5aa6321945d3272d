/**
 * Game creation and end. Idempotent, keyed by the prematch: the game id is
 * derived from the prematch id and the game record is written once, so no
 * retry and no second Coral can create a second game.
 * Order: game record (game slot) first, then the prematch (queue slot); a
 * crash in between leaves the creation due again, and the retry finds the record.
 */
import { isSlotId, type QueueModeId } from '@glaceon/protocol';
import { keys } from '../keys.js';
import type { RedisClient } from '../redis.js';
import { fail } from './errors.js';
import { queueKeys } from './keys.js';
import { applyMirrors } from './mirror.js';
import { check, runJson, script } from './scripts.js';
import type { EndGameInput, GameCreationClaim, GameRecord, MarkGameReadyInput, PrematchState } from './types.js';
import { arr, parseJson } from './util.js';

export const DEFAULT_CREATION_LEASE_MS = 10_000;
/** Ended game records stay this long for late readers. */
const ENDED_GAME_KEEP_MS = 24 * 60 * 60 * 1000;
/** Any game record expires after this, even if its end was never reported. */
const GAME_RECORD_MAX_MS = 3 * 24 * 60 * 60 * 1000;

export interface MarkGameCreatingInput {
  mode: QueueModeId;
  prematchId: string;
  /** Unique id of the calling process. */
  ownerId: string;
  now?: number;
  leaseMs?: number;
}

/** Take (or renew) the job of creating this prematch's game. `owner: false` means someone else has it, or it is done. */
export async function markGameCreating(redis: RedisClient, input: MarkGameCreatingInput): Promise<GameCreationClaim> {
  const now = input.now ?? Date.now();
  const reply = check(
    'creation-claim',
    await runJson(redis, 'creation-claim', [queueKeys.tag(input.mode)], [input.prematchId, input.ownerId, now, input.leaseMs ?? DEFAULT_CREATION_LEASE_MS]),
  );
  return {
    owner: reply.owner === 1,
    gameId: String(reply.gameId),
    state: reply.state as PrematchState,
    serverId: (reply.serverId as string) || null,
    address: (reply.address as string) || null,
    players: arr<string>(reply.players),
    playerTeams: arr<string[]>(reply.playerTeams),
  };
}

export interface GameReadyResult {
  gameId: string;
  /** The stored server; differs from the input when another creator won. */
  serverId: string;
  address: string;
  /** False when the record existed already (the caller should release its own allocation if it differs). */
  created: boolean;
  players: string[];
  playerTeams: string[][];
}

export async function markGameReady(redis: RedisClient, input: MarkGameReadyInput): Promise<GameReadyResult> {
  const now = input.now ?? Date.now();
  const [state, gameId, players, playerTeams, lobbies] = await redis.hmget(
    queueKeys.prematch(input.mode, input.prematchId),
    'state',
    'gameId',
    'players',
    'playerTeams',
    'lobbies',
  );
  if (!state || !gameId || !players || !playerTeams) fail('markGameReady', 'NOT_FOUND', 'no such prematch');
  if (state === 'readycheck') fail('markGameReady', 'WRONG_STATE', 'still in the ready check');
  const record = {
    id: gameId,
    mode: input.mode,
    prematchId: input.prematchId,
    serverId: input.serverId,
    address: input.address,
    players,
    teams: playerTeams,
    lobbies: JSON.stringify(Object.values((parseJson(lobbies) ?? {}) as Record<string, string>)),
    createdAt: String(now),
  };
  const [created, storedServer, storedAddress] = (await script(redis, 'game-create')([keys.game(gameId)], [JSON.stringify(record), GAME_RECORD_MAX_MS])) as [
    number,
    string?,
    string?,
  ];
  const serverId = created === 1 ? input.serverId : (storedServer ?? input.serverId);
  const address = created === 1 ? input.address : (storedAddress ?? input.address);
  const reply = check('game-ready', await runJson(redis, 'game-ready', [queueKeys.tag(input.mode)], [input.prematchId, serverId, address, now]));
  return {
    gameId,
    serverId: String(reply.serverId),
    address: String(reply.address),
    created: created === 1,
    players: JSON.parse(players) as string[],
    playerTeams: JSON.parse(playerTeams) as string[][],
  };
}

/**
 * The result players see carries the game's teams (player ids per team, in the
 * order Moonstone numbers them), so each launcher can tell its player whether
 * their own team won. A result that already names its teams is kept as it is.
 */
function withTeams(result: unknown, teamsJson: string | null | undefined): unknown {
  if (!teamsJson || typeof result !== 'object' || result === null || Array.isArray(result) || 'teams' in result) return result;
  return { ...result, teams: JSON.parse(teamsJson) as unknown };
}

/** Moonstone reported the end (or the server was lost): lobbies go idle with the reason and the result. Idempotent. */
export async function endGame(redis: RedisClient, input: EndGameInput): Promise<{ ended: boolean }> {
  const now = input.now ?? Date.now();
  const reason = input.reason ?? 'game_over';
  const [mode, prematchId, teams] = await redis.hmget(keys.game(input.gameId), 'mode', 'prematchId', 'teams');
  if (!isSlotId(mode) || !prematchId) fail('endGame', 'NOT_FOUND', 'no such game');
  const result = input.result === undefined ? '' : JSON.stringify(withTeams(input.result, teams));
  const reply = check('end-game', await runJson(redis, 'end-game', [queueKeys.tag(mode)], [prematchId, reason, now, result]));
  await applyMirrors(redis, mode, reply.a, now);
  await script(redis, 'game-end')([keys.game(input.gameId)], [now, result || 'null', reason, ENDED_GAME_KEEP_MS]);
  return { ended: reply.r === 1 };
}

/**
 * Give up creating a game (no server for too long, allocation failed for good):
 * every lobby goes idle with `server_lost`. Idempotent.
 */
export async function abandonGameCreation(redis: RedisClient, input: { mode: QueueModeId; prematchId: string; now?: number }): Promise<void> {
  const now = input.now ?? Date.now();
  const reply = check('end-game', await runJson(redis, 'end-game', [queueKeys.tag(input.mode)], [input.prematchId, 'server_lost', now, '']));
  await applyMirrors(redis, input.mode, reply.a, now);
}

export async function getGame(redis: RedisClient, gameId: string): Promise<GameRecord | null> {
  const h = await redis.hgetall(keys.game(gameId));
  if (!h.id || !isSlotId(h.mode)) return null;
  return {
    id: h.id,
    mode: h.mode,
    prematchId: h.prematchId ?? '',
    serverId: h.serverId ?? '',
    address: h.address ?? '',
    players: arr<string>(parseJson(h.players)),
    teams: arr<string[]>(parseJson(h.teams)),
    lobbies: arr<string>(parseJson(h.lobbies)),
    createdAt: Number(h.createdAt),
    endedAt: h.endedAt ? Number(h.endedAt) : null,
    result: parseJson(h.result),
  };
}

/** The player ids of a game record ([] when there is none): one field read, for callers that check many games. */
export async function getGamePlayers(redis: RedisClient, gameId: string): Promise<string[]> {
  return arr<string>(parseJson(await redis.hget(keys.game(gameId), 'players')));
}
