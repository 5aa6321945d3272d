import { GlaceonError, type CoralRequest, type QueueModeId } from '@glaceon/protocol';
import { acceptMatch, cancelQueue, declineMatch, getPlayerLobbyId, getPlayerMatchView, startQueueForPlayer, type RedisClient } from '@glaceon/store';
import type { CoralConfig } from '../config/config.js';
import type { PlayerConnection } from '../socket/connection.js';
import { EntryGate } from './entry-gate.js';
import type { Notify } from './notify.js';
import type { PlayerRegistry } from './registry.js';

export interface RequestsDeps {
  redis: RedisClient;
  config: Pick<CoralConfig, 'queueEntryConcurrency' | 'queueEntryMaxWaiting' | 'queues'>;
  registry: Pick<PlayerRegistry, 'get'>;
  notify: Pick<Notify, 'ack'>;
  /** Start game creation for a fully accepted prematch (idempotent). */
  createGame: (mode: QueueModeId, prematchId: string) => void;
}

/**
 * A player's requests (queue.start/cancel, match.accept/decline): each runs its store call and
 * is acked once it committed. The scripts check everything; what this Coral knows of the player
 * only saves round trips. Owns the entry gate.
 */
export class Requests {
  /** Queue entries and cancels: bounded in flight, in arrival order (see entry-gate.ts). */
  readonly entries: EntryGate;

  constructor(private readonly deps: RequestsDeps) {
    this.entries = new EntryGate(deps.config.queueEntryConcurrency, deps.config.queueEntryMaxWaiting);
  }

  async handle(conn: PlayerConnection, request: CoralRequest): Promise<void> {
    const { redis, notify } = this.deps;
    const playerId = conn.playerId;
    switch (request.type) {
      case 'queue.start': {
        // Inside the gate, reads included: a herd's lookups wait their turn too. The lobby we last
        // saw the player in is a hint that saves a round trip; the store checks it.
        const known = this.deps.registry.get(playerId)?.known;
        const lobbyHint = known && 'lobbyId' in known ? known.lobbyId : undefined;
        await this.entries.run(() => startQueueForPlayer(redis, { playerId, queues: this.deps.config.queues, ...(lobbyHint ? { lobbyHint } : {}) }));
        notify.ack(conn, request.id);
        return;
      }
      case 'queue.cancel': {
        await this.entries.run(async () => {
          const lobbyId = await getPlayerLobbyId(redis, playerId);
          if (!lobbyId) throw new GlaceonError('NOT_IN_LOBBY', 'You are not in a lobby.');
          await cancelQueue(redis, { lobbyId, requesterId: playerId, reason: 'cancelled' });
        });
        notify.ack(conn, request.id);
        return;
      }
      case 'match.accept':
      case 'match.decline': {
        const mode = await this.modeOfPrematch(playerId, request.prematchId);
        const input = { mode, prematchId: request.prematchId, playerId };
        if (request.type === 'match.decline') {
          await declineMatch(redis, input);
          notify.ack(conn, request.id);
          return;
        }
        const result = await acceptMatch(redis, input);
        notify.ack(conn, request.id);
        if (result.allAccepted) this.deps.createGame(mode, request.prematchId);
        return;
      }
    }
  }

  /** The mode of the player's prematch: from what we were told, else from keys. The scripts re-check membership. */
  private async modeOfPrematch(playerId: string, prematchId: string): Promise<QueueModeId> {
    const known = this.deps.registry.get(playerId)?.known;
    if (known && known.state === 'prematch' && known.prematchId === prematchId) return known.mode;
    const view = await getPlayerMatchView(this.deps.redis, playerId);
    if (view.state !== 'prematch' && view.state !== 'ingame') throw new GlaceonError('WRONG_STATE', 'You are not in a ready check.');
    if (view.prematchId !== prematchId) throw new GlaceonError('WRONG_STATE', 'That ready check is not yours or is over.');
    return view.mode;
  }
}
