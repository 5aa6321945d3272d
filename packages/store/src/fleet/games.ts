import type { FleetGameEndReason, FleetPlayerEventKind, FleetRosterEntry } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { assertSafeId, fleetKeys } from './keys.js';
import { parseRoster, toInt } from './records.js';
import { expectOk } from '../lua.js';
import { FLEET_ENDED_GAME_TTL_MS, FLEET_ERRORS, FLEET_OUTBOX_CLAIM_MS, fleetScripts } from './scripts.js';

/** Record a player event reported by the game's server. changed=false: a repeat, or the game is over. */
export async function recordPlayerEvent(
  redis: RedisClient,
  input: { gameId: string; serverId: string; playerId: string; kind: FleetPlayerEventKind },
): Promise<{ changed: boolean; state: 'running' | 'ended' }> {
  assertSafeId('game id', input.gameId);
  const reply = expectOk(
    FLEET_ERRORS,
    'player-event',
    await fleetScripts(redis).playerEvent(
      [fleetKeys.game(input.gameId), fleetKeys.gamePlayers(input.gameId), fleetKeys.gameDeparted(input.gameId)],
      [input.serverId, input.playerId, input.kind],
    ),
  );
  return { changed: reply[0] === 1, state: reply[1] === 'running' ? 'running' : 'ended' };
}

/**
 * The game's server released these players (issue #12, item 10): record them as departed, for
 * good (the game's departed set; their reported state stays, so ratings still tell a no-show).
 * Only players reported `left` or `noshow` (or already departed); otherwise WRONG_STATE and
 * nothing is written. Idempotent; returns how many departed now.
 */
export async function departFleetPlayers(redis: RedisClient, input: { gameId: string; serverId?: string; playerIds: readonly string[] }): Promise<number> {
  assertSafeId('game id', input.gameId);
  if (input.playerIds.length === 0) return 0;
  const [marked] = expectOk(
    FLEET_ERRORS,
    'depart-players',
    await fleetScripts(redis).departPlayers(
      [fleetKeys.game(input.gameId), fleetKeys.gamePlayers(input.gameId), fleetKeys.gameDeparted(input.gameId)],
      [input.serverId ?? '', ...input.playerIds],
    ),
  );
  return Number(marked);
}

export interface EndGameResult {
  /** true when this call ended the game; false when it had already ended (then reason/winningTeam are the first end's). */
  ended: boolean;
  reason: FleetGameEndReason;
  winningTeam?: number;
  /** The ended game as this call left it (only when this call ended it): what delivering the end needs. */
  record?: FleetGameRecord;
}

/**
 * End a running game: mark it ended, free its server slot and queue it in the
 * outbox (claimed by the caller for 30 s; acknowledge with ackGameEnding once
 * the onGameEnded hook ran). `serverId` set: only that server may end it.
 */
export async function endFleetGame(
  redis: RedisClient,
  input: { gameId: string; serverId?: string; reason: FleetGameEndReason; winningTeam?: number },
): Promise<EndGameResult> {
  assertSafeId('game id', input.gameId);
  const [ended, reason, winningTeam, game, players, departed] = expectOk(
    FLEET_ERRORS,
    'end-game',
    await fleetScripts(redis).endGame(
      [fleetKeys.game(input.gameId)],
      [fleetKeys.prefix, input.gameId, input.serverId ?? '', input.reason, input.winningTeam ?? '', FLEET_ENDED_GAME_TTL_MS, FLEET_OUTBOX_CLAIM_MS],
    ),
  );
  // The script returns the record it ended (one round trip instead of three more reads).
  const record = ended === 1 ? fleetGameRecordOf(input.gameId, pairs(game), pairs(players), strings(departed)) : null;
  return {
    ended: ended === 1,
    reason: reason as FleetGameEndReason,
    ...(winningTeam === '' ? {} : { winningTeam: Number(winningTeam) }),
    ...(record ? { record } : {}),
  };
}

/** A flat HGETALL reply inside a script's reply ([field, value, ...]) as an object. */
function pairs(flat: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(flat)) return out;
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
}

function strings(list: unknown): string[] {
  return Array.isArray(list) ? list.map(String) : [];
}

export interface FleetGameRecord {
  gameId: string;
  serverId: string;
  address: string;
  /** The server's control API base URL as allocated (Coral's pushes go there). */
  controlUrl: string;
  region: string;
  mode: string;
  teams: number;
  roster: FleetRosterEntry[];
  state: 'running' | 'ended';
  allocatedAt: number;
  joinDeadline: number;
  endReason?: FleetGameEndReason;
  winningTeam?: number;
  endedAt?: number;
  /** Player id -> pending | connected | noshow | left. */
  players: Record<string, string>;
  /** Players the server released for good (game.leave): no ticket admits them, and reports for them change nothing. */
  departed: string[];
}

export async function getFleetGame(redis: RedisClient, gameId: string): Promise<FleetGameRecord | null> {
  assertSafeId('game id', gameId);
  const [g, players, departed] = await Promise.all([
    redis.hgetall(fleetKeys.game(gameId)),
    redis.hgetall(fleetKeys.gamePlayers(gameId)),
    redis.smembers(fleetKeys.gameDeparted(gameId)),
  ]);
  return fleetGameRecordOf(gameId, g, players, departed);
}

/** The record from the game's hash, its players' hash and its departed set (null: no such game). */
function fleetGameRecordOf(gameId: string, g: Record<string, string>, players: Record<string, string>, departed: string[]): FleetGameRecord | null {
  if (!g.serverId) return null;
  return {
    gameId,
    serverId: g.serverId,
    address: g.address ?? '',
    controlUrl: g.controlUrl ?? '',
    region: g.region ?? '',
    mode: g.mode ?? '',
    teams: toInt(g.teams, 'teams'),
    roster: parseRoster(g.roster, gameId),
    state: g.state === 'running' ? 'running' : 'ended',
    allocatedAt: toInt(g.allocatedAt, 'allocatedAt'),
    joinDeadline: toInt(g.joinDeadline, 'joinDeadline'),
    ...(g.endReason ? { endReason: g.endReason as FleetGameEndReason } : {}),
    ...(g.winningTeam ? { winningTeam: toInt(g.winningTeam, 'winningTeam') } : {}),
    ...(g.endedAt ? { endedAt: toInt(g.endedAt, 'endedAt') } : {}),
    players,
    departed,
  };
}

/** Ended games whose hook delivery is due (never acknowledged, claim expired); claims them for claimMs. */
export async function claimDueGameEndings(redis: RedisClient, options: { limit?: number; claimMs?: number } = {}): Promise<string[]> {
  const [, ...due] = await fleetScripts(redis).claimEndings([fleetKeys.outbox()], [options.limit ?? 100, options.claimMs ?? FLEET_OUTBOX_CLAIM_MS]);
  return due.map(String);
}

/** The onGameEnded hook ran for this game: stop redelivering it. */
export async function ackGameEnding(redis: RedisClient, gameId: string): Promise<void> {
  await redis.zrem(fleetKeys.outbox(), gameId);
}

/** End every running game past its maximum length ('timeout'); several Corals may call it at once. */
export async function timeOutFleetGames(redis: RedisClient, options: { limit?: number } = {}): Promise<string[]> {
  const [, ended] = (await fleetScripts(redis).timeoutGames(
    [fleetKeys.gameDeadlines()],
    [fleetKeys.prefix, options.limit ?? 100, FLEET_ENDED_GAME_TTL_MS, FLEET_OUTBOX_CLAIM_MS],
  )) as [number, string[]];
  return ended.map(String);
}
