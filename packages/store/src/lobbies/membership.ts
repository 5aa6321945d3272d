/**
 * Lobby membership across two hash slots: the player's pointer
 * (`player:{p}.lobby`, the authority) and the lobby hash. Order of every
 * step and how a crash between them is repaired: docs/redis/realm.md.
 *
 * Every function here that changes what members see tells them before it
 * resolves (notify.ts), so no caller can forget to and a test that waits for
 * the push after the call returns sees it.
 */
import { GlaceonError, newId, type Lobby, type QueueModeId } from '@glaceon/protocol';
import type { QueueRules } from '../matchmaking/types.js';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { CLAIM_GRACE_MS, lobbyKeys, TOMBSTONE_TTL_MS } from './keys.js';
import { expectOk, lobbyScripts } from './scripts.js';
import { getLobby } from './read.js';
import { notifyLobbyMembers } from './notify.js';
import { appendLobbySystemLine, deleteLobbyChat } from '../chat/lobby.js';
import { forgetLeavesAfterGame } from './leave-after-game.js';

function newNonce(): string {
  return newId('t_').slice(2);
}

async function mustGet(redis: RedisClient, lobbyId: string): Promise<Lobby> {
  const lobby = await getLobby(redis, lobbyId);
  if (!lobby) throw new GlaceonError('NOT_FOUND', 'The lobby is gone.');
  return lobby;
}

/** Read the changed lobby back and tell its members. */
async function changed(redis: RedisClient, lobbyId: string): Promise<Lobby> {
  const lobby = await mustGet(redis, lobbyId);
  await notifyLobbyMembers(
    redis,
    lobby.id,
    lobby.members.map((m) => m.id),
  );
  return lobby;
}

/**
 * Point the player at `lobbyId`. If they already point somewhere, repair the
 * pointer when it is a stale leftover of a crashed step (not a member there,
 * claim older than CLAIM_GRACE_MS), then try once more.
 */
async function claimPlayer(redis: RedisClient, playerId: string, lobbyId: string): Promise<string> {
  const s = lobbyScripts(redis);
  for (let attempt = 0; attempt < 2; attempt++) {
    const nonce = newNonce();
    const reply = await s.claimPlayer([keys.player(playerId)], [lobbyId, nonce, Date.now()]);
    if (Number(reply[0]) === 1) return nonce;
    const [, current, claimAt, claimNonce] = reply.map(String);
    if (attempt === 0 && current && (await repairStaleClaim(redis, playerId, current, Number(claimAt), claimNonce ?? ''))) continue;
    throw new GlaceonError('ALREADY_IN_LOBBY');
  }
  throw new GlaceonError('ALREADY_IN_LOBBY');
}

/**
 * Repair a pointer that names a lobby the player is not a member of. Fence in
 * the lobby's slot first (a late create/add carrying the nonce then fails),
 * then compare-and-delete the pointer. Returns true when it was released.
 */
export async function repairStaleClaim(redis: RedisClient, playerId: string, lobbyId: string, claimAt: number, nonce: string): Promise<boolean> {
  if (Date.now() - claimAt < CLAIM_GRACE_MS) return false;
  const s = lobbyScripts(redis);
  const [fenced] = await s.fenceClaim([lobbyKeys.lobby(lobbyId), lobbyKeys.fences(lobbyId)], [playerId, nonce, TOMBSTONE_TTL_MS]);
  if (fenced !== 1) return false;
  const [released] = await s.releasePlayer([keys.player(playerId)], [lobbyId, nonce]);
  return released === 1;
}

async function release(redis: RedisClient, playerId: string, lobbyId: string, nonce: string): Promise<void> {
  await lobbyScripts(redis).releasePlayer([keys.player(playerId)], [lobbyId, nonce]);
}

export interface CreateLobbyInput {
  hostId: string;
  hostName: string;
  mode: QueueModeId;
  /** Pre-chosen id (Realm picks it so the invite record can name it first). */
  lobbyId?: string;
  inviteHash?: string;
}

/** Create an idle lobby with the host as its only member (and tell the host's launchers). ALREADY_IN_LOBBY when the host is in one. */
export async function createLobby(redis: RedisClient, input: CreateLobbyInput): Promise<Lobby> {
  const lobbyId = input.lobbyId ?? newId('l_');
  const nonce = await claimPlayer(redis, input.hostId, lobbyId);
  try {
    expectOk(
      'create-lobby',
      await lobbyScripts(redis).createLobby(
        [lobbyKeys.lobby(lobbyId), lobbyKeys.dead(lobbyId), lobbyKeys.fences(lobbyId)],
        [lobbyId, input.hostId, input.hostName, input.mode, Date.now(), input.inviteHash ?? '', nonce],
      ),
    );
  } catch (error) {
    await release(redis, input.hostId, lobbyId, nonce);
    throw error;
  }
  return changed(redis, lobbyId);
}

export interface JoinLobbyInput {
  lobbyId: string;
  playerId: string;
  name: string;
  /** When joining by token: the lobby's invite hash must still be this one (not rotated). */
  inviteHash?: string;
  /** The queue configuration: the lobby's queue caps its size (a queue it does not name: full). */
  queues: QueueRules;
}

/** Join an idle lobby with room; the members (the newcomer included) are told. */
export async function joinLobby(redis: RedisClient, input: JoinLobbyInput): Promise<Lobby> {
  const { lobbyId, playerId } = input;
  const nonce = await claimPlayer(redis, playerId, lobbyId);
  try {
    expectOk(
      'add-member',
      await lobbyScripts(redis).addMember(
        [lobbyKeys.lobby(lobbyId), lobbyKeys.dead(lobbyId), lobbyKeys.fences(lobbyId)],
        [playerId, input.name, nonce, JSON.stringify(input.queues.partyLimits()), input.inviteHash ?? ''],
      ),
    );
  } catch (error) {
    await release(redis, playerId, lobbyId, nonce);
    throw error;
  }
  const lobby = await changed(redis, lobbyId);
  await appendLobbySystemLine(redis, { lobbyId, event: 'joined', player: { id: playerId, name: input.name } });
  return lobby;
}

export interface LeaveResult {
  /** The lobby after the change, or null when it closed. */
  lobby: Lobby | null;
  closed: boolean;
  /** The invite hash the lobby had (to revoke when it closed). */
  inviteHash: string;
}

/** Remove a member; the remaining members and the one removed (with `reason`; 'closed' when the last one left) are told. */
async function removeMember(
  redis: RedisClient,
  lobbyId: string,
  actorId: string,
  targetId: string,
  reason: 'left' | 'kicked',
  newInviteHash = '',
): Promise<LeaveResult> {
  // Read before the change only to say who was there in the chat (the script decides).
  const before = await getLobby(redis, lobbyId);
  const reply = expectOk(
    'remove-member',
    await lobbyScripts(redis).removeMember([lobbyKeys.lobby(lobbyId), lobbyKeys.dead(lobbyId)], [actorId, targetId, TOMBSTONE_TTL_MS, newInviteHash]),
  );
  // The lobby slot changed first; now the pointer. A crash here leaves a
  // pointer to a lobby without the player: repairStaleClaim undoes it.
  await release(redis, targetId, lobbyId, '');
  const closed = Number(reply[0]) === 0;
  const lobby = closed ? null : await getLobby(redis, lobbyId);
  await notifyLobbyMembers(redis, lobbyId, lobby?.members.map((m) => m.id) ?? [], {
    playerIds: [targetId],
    reason: closed && reason === 'left' ? 'closed' : reason,
  });
  if (closed) {
    // The chat lives as long as the lobby; append-lobby refuses lines for a lobby that is gone.
    await deleteLobbyChat(redis, lobbyId);
    await forgetLeavesAfterGame(redis, lobbyId);
  } else if (lobby) {
    const target = before?.members.find((m) => m.id === targetId) ?? targetId;
    const actor = before?.members.find((m) => m.id === actorId) ?? actorId;
    await appendLobbySystemLine(redis, { lobbyId, event: reason, player: target, ...(reason === 'kicked' ? { by: actor } : {}) });
    if (before && before.host !== lobby.host) await appendLobbySystemLine(redis, { lobbyId, event: 'host', player: lobby.host });
  }
  return { lobby, closed, inviteHash: String(reply[1] ?? '') };
}

/** Leave a lobby (idle only). The last member leaving closes it. */
export function leaveLobby(redis: RedisClient, input: { lobbyId: string; playerId: string }): Promise<LeaveResult> {
  return removeMember(redis, input.lobbyId, input.playerId, input.playerId, 'left');
}

/**
 * The host removes a member (idle only). With `newInviteHash` the lobby's
 * invite is replaced in the same script (the result's `inviteHash` is then
 * the old one, for the caller to revoke), so the kicked player's link stops
 * admitting at the very moment they are out.
 */
export function kickMember(redis: RedisClient, input: { lobbyId: string; hostId: string; playerId: string; newInviteHash?: string }): Promise<LeaveResult> {
  if (input.hostId === input.playerId) return Promise.reject(new GlaceonError('INVALID_MESSAGE', 'Use leave to leave your own lobby.', '/playerId'));
  return removeMember(redis, input.lobbyId, input.hostId, input.playerId, 'kicked', input.newInviteHash ?? '');
}

export async function transferHost(redis: RedisClient, input: { lobbyId: string; hostId: string; playerId: string }): Promise<Lobby> {
  expectOk('set-host', await lobbyScripts(redis).setHost([lobbyKeys.lobby(input.lobbyId)], [input.hostId, input.playerId]));
  const lobby = await changed(redis, input.lobbyId);
  await appendLobbySystemLine(redis, { lobbyId: input.lobbyId, event: 'host', player: input.playerId, by: input.hostId });
  return lobby;
}

export async function setLobbyMode(redis: RedisClient, input: { lobbyId: string; hostId: string; mode: QueueModeId; queues: QueueRules }): Promise<Lobby> {
  const queue = input.queues.get(input.mode);
  if (!queue) throw new GlaceonError('UNKNOWN_QUEUE', `There is no queue ${JSON.stringify(input.mode)}.`, '/mode');
  const max = queue.maxPartySize;
  expectOk('set-mode', await lobbyScripts(redis).setMode([lobbyKeys.lobby(input.lobbyId)], [input.hostId, input.mode, max]));
  return changed(redis, input.lobbyId);
}

/**
 * Replace the lobby's invite hash (host only); returns the previous one.
 * Nobody is told: the hash is not part of the lobby members see, and only
 * the host who rotated it receives the new token.
 */
export async function setLobbyInviteHash(redis: RedisClient, input: { lobbyId: string; hostId: string; inviteHash: string }): Promise<string> {
  const reply = expectOk('set-invite', await lobbyScripts(redis).setInvite([lobbyKeys.lobby(input.lobbyId)], [input.hostId, input.inviteHash]));
  return String(reply[1] ?? '');
}

/**
 * The lobby the player is a member of, or null. Reads the pointer, checks the
 * lobby agrees, and repairs a stale pointer on the way (crash leftovers).
 */
export async function getPlayerLobby(redis: RedisClient, playerId: string): Promise<Lobby | null> {
  const [lobbyId, claimAt, nonce] = await redis.hmget(keys.player(playerId), 'lobby', 'lobbyClaimAt', 'lobbyClaim');
  if (!lobbyId) return null;
  const lobby = await getLobby(redis, lobbyId);
  if (lobby && lobby.members.some((m) => m.id === playerId)) return lobby;
  await repairStaleClaim(redis, playerId, lobbyId, Number(claimAt ?? 0), nonce ?? '');
  return null;
}
