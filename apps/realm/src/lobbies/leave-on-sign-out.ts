/**
 * Signing out leaves the lobby (#15): a player who is gone must not sit in the
 * party, or every match the party finds fails its ready check. A queued or
 * ready-checking lobby first leaves the queue (`member_left`, naming the
 * player), then the player leaves; the other members are told by the
 * membership functions. A lobby in a game cannot change its members: the
 * leave is remembered (markLeaveAfterGame) and carried out when the lobby is
 * idle again (`leaveAfterGame`, run by the event hub on the push that says so,
 * and by its periodic sweep for a party nobody online sees), unless the player
 * signed in again meanwhile.
 */
import { GlaceonError } from '@glaceon/protocol';
import {
  cancelQueue,
  dueLeavesAfterGame,
  getLobby,
  getPlayerLobby,
  hasOtherLiveSession,
  leaveLobby,
  markLeaveAfterGame,
  revokeInviteToken,
  settleLeavesAfterGame,
  takeLeavesAfterGame,
  type RedisClient,
} from '@glaceon/store';
import type { FastifyBaseLogger } from 'fastify';

export async function leaveLobbyOnSignOut(redis: RedisClient, playerId: string, log: FastifyBaseLogger): Promise<void> {
  const lobby = await getPlayerLobby(redis, playerId);
  if (!lobby) return;
  if (lobby.state === 'ingame') {
    await markLeaveAfterGame(redis, lobby.id, playerId);
    log.info({ lobbyId: lobby.id }, 'signed out during a game: leaves the lobby when it ends');
    return;
  }
  try {
    if (lobby.state === 'queued' || lobby.state === 'prematch') {
      await cancelQueue(redis, { lobbyId: lobby.id, requesterId: playerId, reason: 'member_left' }).catch((error: unknown) => {
        // Settled meanwhile (matched into a game, or idle already): the leave below says which.
        if (!(error instanceof GlaceonError && error.code === 'WRONG_STATE')) throw error;
      });
    }
    const result = await leaveLobby(redis, { lobbyId: lobby.id, playerId });
    if (result.closed) await revokeInviteToken(redis, result.inviteHash);
  } catch (error) {
    if (error instanceof GlaceonError && (error.code === 'LOBBY_NOT_IDLE' || error.code === 'NOT_IN_LOBBY' || error.code === 'NOT_FOUND')) {
      log.info({ lobbyId: lobby.id, code: error.code }, 'signed out without leaving the lobby');
      return;
    }
    throw error;
  }
}

/**
 * The lobby is idle again (its game ended): the members who signed out during
 * the game leave now, as at sign-out (in a game again already: marked again),
 * unless they signed in again since.
 */
export async function leaveAfterGame(redis: RedisClient, lobbyId: string, log: FastifyBaseLogger): Promise<void> {
  for (const playerId of await takeLeavesAfterGame(redis, lobbyId)) {
    if (!(await hasOtherLiveSession(redis, playerId, ''))) await leaveLobbyOnSignOut(redis, playerId, log);
  }
}

/**
 * The push that says a lobby is idle reaches only Realms holding one of its members, so a
 * party whose every member signed out during the game would keep them all. Each heartbeat
 * the hub looks at the lobbies holding such leaves: an idle one has them carried out, one
 * still in a game is looked at again on a later sweep, a closed one leaves the index.
 */
export async function sweepLeavesAfterGame(redis: RedisClient, log: FastifyBaseLogger, now = Date.now()): Promise<void> {
  for (const lobbyId of await dueLeavesAfterGame(redis, now)) {
    const lobby = await getLobby(redis, lobbyId);
    if (lobby && lobby.state !== 'idle') {
      await settleLeavesAfterGame(redis, lobbyId, now);
      continue;
    }
    if (lobby) await leaveAfterGame(redis, lobbyId, log);
    await settleLeavesAfterGame(redis, lobbyId, null);
  }
}
