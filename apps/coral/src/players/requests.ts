import { GlaceonError, type CoralRequest, type QueueModeId } from '@glaceon/protocol';
import {
  acceptMatch,
  appendLobbySystemLine,
  cancelQueue,
  declineMatch,
  getPlayerLobbyId,
  getPlayerMatchView,
  setPlayerLatencies,
  startQueueForPlayer,
  type RedisClient,
} from '@glaceon/store';
import type { CoralConfig } from '../config/config.js';
import type { PlayerConnection } from '../socket/connection.js';
import { EntryGate } from './entry-gate.js';
import type { LeaveGameRoom } from './leave-game.js';
import type { Notify } from './notify.js';
import type { PlayerRegistry } from './registry.js';

/** Shortest gap between two latency reports of one player on this Coral. */
export const LATENCY_REPORT_GAP_MS = 1000;

export interface RequestsDeps {
  redis: RedisClient;
  config: Pick<CoralConfig, 'queueEntryConcurrency' | 'queueEntryMaxWaiting' | 'queueEntryMaxWaitMs' | 'loopDelayShedMs' | 'queues'>;
  /** This process's measured event-loop delay (admission of new queue entries). */
  loopDelay?: { delayMs: number };
  /** Each refused (shed) queue entry, by reason. */
  onShed?: (reason: 'waiting_full' | 'wait' | 'loop_delay') => void;
  registry: Pick<PlayerRegistry, 'get'>;
  notify: Pick<Notify, 'ack'>;
  /** Start game creation for a fully accepted prematch (idempotent). */
  createGame: (mode: QueueModeId, prematchId: string) => void;
  leaves: Pick<LeaveGameRoom, 'leave'>;
}

/**
 * A player's requests (queue.start/cancel, match.accept/decline, game.leave): each runs its store call and
 * is acked once it committed. The scripts check everything; what this Coral knows of the player
 * only saves round trips. Owns the entry gate.
 */
export class Requests {
  /** Queue entries and cancels: bounded in flight, in arrival order (see entry-gate.ts). */
  readonly entries: EntryGate;

  constructor(private readonly deps: RequestsDeps) {
    const { config, loopDelay } = deps;
    this.entries = new EntryGate(config.queueEntryConcurrency, {
      maxWaiting: config.queueEntryMaxWaiting,
      maxWaitMs: config.queueEntryMaxWaitMs,
      overloaded: () =>
        loopDelay && loopDelay.delayMs > config.loopDelayShedMs
          ? `event-loop delay ${Math.round(loopDelay.delayMs)} ms > ${config.loopDelayShedMs} ms`
          : undefined,
      ...(deps.onShed ? { onShed: deps.onShed } : {}),
    });
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
        // Sheddable: past measured capacity a new entry is refused at once (BUSY, retryable).
        // Its turn came after the socket closed: nobody is there to play, skip the store call.
        // The store writes the `queue.started` chat line with the lobby's lock (coral-perf-015).
        await this.entries.run(
          async () => {
            if (conn.closed) return;
            await startQueueForPlayer(redis, { playerId, queues: this.deps.config.queues, ...(lobbyHint ? { lobbyHint } : {}) });
          },
          { sheddable: true },
        );
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
        await appendLobbySystemLine(redis, { event: 'queue.cancelled', player: playerId });
        return;
      }
      case 'match.accept':
      case 'match.decline': {
        const mode = await this.modeOfPrematch(playerId, request.prematchId);
        const input = { mode, prematchId: request.prematchId, playerId };
        if (request.type === 'match.decline') {
          await declineMatch(redis, input);
          notify.ack(conn, request.id);
          await appendLobbySystemLine(redis, { event: 'match.declined', player: playerId });
          return;
        }
        const result = await acceptMatch(redis, input);
        notify.ack(conn, request.id);
        if (result.allAccepted) this.deps.createGame(mode, request.prematchId);
        return;
      }
      case 'region.latencies': {
        // Besides the socket's token bucket: one kept report per player per LATENCY_REPORT_GAP_MS
        // (the launcher measures every few minutes; more is a misbehaving client).
        const now = Date.now();
        const last = this.lastReport.get(playerId);
        if (last !== undefined && now - last < LATENCY_REPORT_GAP_MS) throw new GlaceonError('RATE_LIMITED', 'Latencies were reported a moment ago.');
        this.lastReport.set(playerId, now);
        if (this.lastReport.size > 100_000) this.forgetOldReports(now);
        const regions = this.deps.config.queues.regions.map((r) => r.id);
        await setPlayerLatencies(redis, playerId, request.latencies, regions);
        notify.ack(conn, request.id);
        return;
      }
      case 'game.leave': {
        await this.deps.leaves.leave(playerId, request.gameId);
        notify.ack(conn, request.id);
        return;
      }
    }
  }

  /** When each player last reported latencies (bounded: old entries are dropped past 100,000). */
  private readonly lastReport = new Map<string, number>();

  private forgetOldReports(now: number): void {
    for (const [p, at] of this.lastReport) if (now - at >= LATENCY_REPORT_GAP_MS) this.lastReport.delete(p);
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
