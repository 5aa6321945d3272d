import type { Logger } from 'pino';
import { GlaceonError } from '@glaceon/protocol';
import { departFleetPlayers, findGameEntry, getFleetGame, leaveGameEntry, type RedisClient } from '@glaceon/store';
import { pushRelease, type PushOptions } from '../fleet/push.js';
import { EntryGate } from './entry-gate.js';

/** game.leave requests in flight on this Coral (each may wait up to the push timeout on a silent server), and waiting. */
const LEAVES_IN_FLIGHT = 16;
const LEAVES_WAITING = 256;
/**
 * How long a release push may take (a release is a small local step on the server). Well under
 * the fleet's heartbeat TTL (3 s): a server that does not answer the release in time is probably
 * about to be dropped anyway (its games then end server_lost, which frees the lobby), and the
 * player gets a retryable answer quickly.
 */
const RELEASE_TIMEOUT_MS = 1000;

/** How a fleet player state keeps a lobby in its game, in the words the caller sees. */
function stillIn(state: string | undefined, departed: boolean, you: boolean): string | null {
  if (departed || state === 'left' || state === 'noshow') return null;
  if (state === 'connected') return you ? 'You are still connected to the game.' : 'A party member is still in the game.';
  // pending (or unknown): the server has not reported them yet.
  return you
    ? 'The game server has not reported you as gone yet (it waits for you until the join deadline).'
    : 'A party member is still in the game (not reported left or a no-show yet).';
}

/**
 * game.leave (issue #12, item 10; docs/decisions/fleet-sec-003-leaving-a-game-early.md): a player
 * whose lobby's players the game server reported as left or no-show leaves the running game for
 * good. The server must confirm first (never one player in two games: a released player's
 * tickets are refused from then on), then the fleet marks them departed, then the queue entry
 * dies with reason `left_game` so the lobby goes idle. No answer from the server: UNAVAILABLE
 * and nothing changed. Each step is idempotent, so a crash in between is repaired by repeating
 * game.leave (or by the game's end).
 */
export class LeaveGameRoom {
  private readonly gate = new EntryGate(LEAVES_IN_FLIGHT, LEAVES_WAITING);

  constructor(private readonly deps: { redis: RedisClient; push: PushOptions; log: Pick<Logger, 'warn' | 'info'> }) {}

  leave(playerId: string, gameId: string): Promise<void> {
    return this.gate.run(() => this.run(playerId, gameId));
  }

  private async run(playerId: string, gameId: string): Promise<void> {
    const { redis, push } = this.deps;
    const entry = await findGameEntry(redis, playerId, gameId);
    const game = await getFleetGame(redis, gameId);
    if (!game || game.state !== 'running') throw new GlaceonError('WRONG_STATE', 'The game is ending; your lobby goes back to idle in a moment.');
    const departed = new Set(game.departed);
    for (const p of entry.players) {
      const why = stillIn(game.players[p], departed.has(p), p === playerId);
      if (why) throw new GlaceonError('WRONG_STATE', why);
    }
    if (!game.controlUrl) throw new GlaceonError('UNAVAILABLE', 'The game server cannot be reached; nothing changed. Try again.');
    const released = await pushRelease(
      { controlUrl: game.controlUrl, serverId: game.serverId, gameId, playerIds: entry.players },
      { ...push, timeoutMs: RELEASE_TIMEOUT_MS },
    );
    if (released.kind !== 'ack') {
      this.deps.log.warn({ gameId, serverId: game.serverId, outcome: released }, 'game.leave: the server did not release the players');
    }
    if (released.kind === 'no_answer') throw new GlaceonError('UNAVAILABLE', 'The game server did not answer; nothing changed. Try again.');
    if (released.kind === 'refused') {
      if (released.code === 'WRONG_STATE') throw new GlaceonError('WRONG_STATE', 'A player of your lobby is connected to the game right now.');
      throw new GlaceonError('UNAVAILABLE', `The game server refused the release (${released.code}); nothing changed. Try again.`);
    }
    const out = new Set(released.ack.released);
    if (!entry.players.every((p) => out.has(p))) throw new GlaceonError('UNAVAILABLE', 'The game server did not release everyone; nothing changed. Try again.');
    await departFleetPlayers(redis, { gameId, serverId: game.serverId, playerIds: entry.players });
    await leaveGameEntry(redis, { mode: entry.mode, ticket: entry.ticket, gameId });
    this.deps.log.info({ gameId, lobbyId: entry.lobbyId, players: entry.players.length }, 'lobby left its game early');
  }
}
