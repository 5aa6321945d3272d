import { prematchIdOf, queueEventMayConcern, type QueueEvent } from '@glaceon/store';
import type { CoralMetrics } from '../metrics/metrics.js';
import type { GameReadyRoom } from './game-ready.js';
import type { Notify } from './notify.js';
import type { QueueStatsBoard } from './queue-stats.js';
import type { Reconciler } from './reconcile.js';
import type { PlayerRegistry } from './registry.js';

// Long enough that a quick ready check (everyone accepts at once) sends none at all:
// the count is dropped once the game is being created.
const PROGRESS_COALESCE_MS = 150;

export interface FanOutDeps {
  metrics: Pick<CoralMetrics, 'events'>;
  registry: Pick<PlayerRegistry, 'has' | 'get' | 'playerCount'>;
  notify: Pick<Notify, 'queued' | 'matchFound' | 'progress' | 'gameCreating' | 'gameReady'>;
  stats: Pick<QueueStatsBoard, 'noteSearching'>;
  games: Pick<GameReadyRoom, 'queue' | 'creatingStarted' | 'settled'>;
  reconcile: Pick<Reconciler, 'refresh'>;
  /** Account names of players (who failed a ready check), for `match.cancelled.by`. */
  names: (playerIds: readonly string[]) => Promise<Map<string, string>>;
}

/**
 * Queue events (sharded pub/sub: the fast path, may be lost) -> the players held here.
 * Events that carry enough are told straight away; the rest re-read keys (`refresh`).
 * Owns the coalescing of `match.progress` per prematch.
 */
export class FanOut {
  /** Pending `match.progress` per prematch (coalesced). */
  private readonly progress = new Map<string, { event: Extract<QueueEvent, { type: 'accepted' }>; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly deps: FanOutDeps) {}

  stop(): void {
    for (const p of this.progress.values()) clearTimeout(p.timer);
    this.progress.clear();
  }

  /** Whether a raw event names a player held here, before it is decoded (the store's pre-filter). */
  holdsAnyIn(raw: string): boolean {
    const { registry } = this.deps;
    return registry.playerCount > 0 && queueEventMayConcern(raw, (playerId) => registry.has(playerId));
  }

  onEvent(event: QueueEvent): void {
    const { registry, notify, games, reconcile } = this.deps;
    this.deps.metrics.events.inc({ event: event.type });
    const local = event.players.filter((p) => registry.has(p));
    if (event.type === 'game_ready' || event.type === 'ready_failed') games.settled(event.pm);
    if (event.type === 'game_over') games.settled(prematchIdOf(event.gameId));
    if (local.length === 0) return;
    if (event.type === 'game_creating') games.creatingStarted(event.pm, local);
    const now = Date.now();
    switch (event.type) {
      case 'queued':
      case 'requeued':
        if (event.type === 'queued' && typeof event.searching === 'number') this.deps.stats.noteSearching(event.mode, event.searching);
        notify.queued(local, event, now);
        return;
      case 'prematch':
        notify.matchFound(local, event);
        return;
      case 'accepted': {
        // Accepts arrive in bursts: send the latest count once per short window, and not at all
        // if the game is already being created (everyone accepted).
        const pending = this.progress.get(event.pm);
        if (pending) {
          pending.event = event;
          return;
        }
        const entry = {
          event,
          timer: setTimeout(() => {
            this.progress.delete(event.pm);
            notify.progress(entry.event);
          }, PROGRESS_COALESCE_MS),
        };
        this.progress.set(event.pm, entry);
        return;
      }
      case 'game_ready':
        for (const p of local) {
          const entry = registry.get(p);
          if (!entry) continue;
          const game = { gameId: event.gameId, prematchId: event.pm, serverId: event.serverId, address: event.address };
          const k = entry.known;
          // Already told this game is ready: a re-offer after the server reported the player left
          // (offerFreshTicket). Tickets admit once, so every socket gets a fresh one.
          if (k.state === 'ingame' && k.gameId === event.gameId && k.ready) notify.gameReady(entry, game, now, [...entry.sockets]);
          else games.queue(entry, game);
        }
        return;
      case 'ready_failed':
        void this.readyFailed(local, event);
        return;
      case 'game_over':
        void reconcile.refresh(local, (_entry, view) => {
          const result =
            view.state === 'idle' && view.lastResult && typeof view.lastResult === 'object' && !Array.isArray(view.lastResult)
              ? (view.lastResult as Record<string, unknown>)
              : { reason: event.reason };
          return [{ type: 'game.ended', gameId: event.gameId, result }];
        });
        return;
      case 'game_creating':
        clearTimeout(this.progress.get(event.pm)?.timer);
        this.progress.delete(event.pm);
        notify.gameCreating(local, event);
        return;
      case 'left':
        void reconcile.refresh(local, () => []);
        return;
    }
  }

  /** Tell the players who failed the ready check, by name (players of other lobbies included: they would meet in the game). */
  private async readyFailed(local: string[], event: Extract<QueueEvent, { type: 'ready_failed' }>): Promise<void> {
    const ids = event.by ?? [];
    const names = ids.length > 0 ? await this.deps.names(ids) : new Map<string, string>();
    const by = ids.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : []));
    await this.deps.reconcile.refresh(local, (_entry, view) => {
      const requeued = view.state === 'queued';
      return [{ type: 'match.cancelled', prematchId: event.pm, reason: event.reason, requeued, ...(by.length > 0 ? { by } : {}) }];
    });
  }
}
