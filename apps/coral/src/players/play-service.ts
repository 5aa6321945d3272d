import type { Logger } from 'pino';
import { queueOfSlot, type CoralRequest, type QueueModeId } from '@glaceon/protocol';
import type { QueueEvent, RedisClient } from '@glaceon/store';
import type { CoralConfig } from '../config/config.js';
import type { TicketSigner } from '../games/tickets.js';
import type { CoralMetrics } from '../metrics/metrics.js';
import type { PlayerConnection } from '../socket/connection.js';
import type { EntryGate } from './entry-gate.js';
import { FanOut } from './fan-out.js';
import { GameReadyRoom } from './game-ready.js';
import { LeaveGameRoom } from './leave-game.js';
import { AccountNames } from './names.js';
import { Notify } from './notify.js';
import { QueueStatsBoard } from './queue-stats.js';
import { Reconciler, type ReconcileReason } from './reconcile.js';
import { PlayerRegistry } from './registry.js';
import { Requests } from './requests.js';
import { StatusRoom } from './status.js';

export interface PlayServiceDeps {
  redis: RedisClient;
  config: CoralConfig;
  metrics: CoralMetrics;
  log: Logger;
  signer: TicketSigner;
  /** Start game creation for a fully accepted prematch (idempotent). */
  createGame: (mode: QueueModeId, prematchId: string) => void;
  /** This process's measured event-loop delay: new queue entries are shed above LOOP_DELAY_SHED_MS. */
  loopDelay?: { delayMs: number };
}

/**
 * Periodic per-player work (reconcile, status, keep-alive) runs in this many slices spread
 * over its period, each player in one slice: the same work per player, but a tenth of the
 * players every tenth of the period instead of all of them at once (which stalled Redis and
 * the event loop for everyone else, the matchmaker's round trips included).
 */
const PERIODIC_SLICES = 10;

/**
 * Everything Coral does for the players it holds sockets for, as rooms built here and wired
 * through narrow interfaces (docs/coral.md, "The play service's rooms"):
 * - registry: the players held here and what they were last told (its only writer);
 * - notify: what a player is told, at the bottom, called by every other room;
 * - requests: queue.start/cancel, match.accept/decline, through the entry gate; game.leave
 *   through the leave room (leave-game.ts);
 * - fan-out: queue events to the players they name;
 * - reconcile: resume, refresh after events, and the timed reconcile from keys;
 * - game-ready: batched game.ready signing and game.pending;
 * - status: queue figures, queue.status and the keep-alive.
 * This class owns only the timers and is the API the socket layer and app.ts use.
 */
export class PlayService {
  readonly registry = new PlayerRegistry(PERIODIC_SLICES);
  /** Account names (a game's roster, `match.cancelled.by`): held players' from their sessions. */
  readonly names: AccountNames;
  /** Queue entries and cancels: bounded in flight, in arrival order (see entry-gate.ts). */
  readonly entries: EntryGate;
  private readonly requests: Requests;
  private readonly fanOut: FanOut;
  private readonly reconciler: Reconciler;
  private readonly games: GameReadyRoom;
  private readonly status: StatusRoom;
  private readonly timers: ReturnType<typeof setInterval>[] = [];

  constructor(private readonly deps: PlayServiceDeps) {
    const { redis, config, metrics, log, signer } = deps;
    const registry = this.registry;
    this.names = new AccountNames({ redis, held: (playerId) => registry.heldName(playerId) });
    const stats = new QueueStatsBoard((mode) => config.queues.get(queueOfSlot(mode)));
    const notify = new Notify({ registry, signer, stats });
    this.games = new GameReadyRoom({ config, registry, notify });
    this.reconciler = new Reconciler({ redis, config, metrics, log, registry, notify, games: this.games });
    const push = { fleetKey: config.fleetKey, ...(config.fleetControlCaPem ? { caPem: config.fleetControlCaPem } : {}) };
    const leaves = new LeaveGameRoom({ redis, push, log });
    this.requests = new Requests({
      redis,
      config,
      registry,
      notify,
      createGame: deps.createGame,
      leaves,
      ...(deps.loopDelay ? { loopDelay: deps.loopDelay } : {}),
      onShed: (reason) => metrics.entriesShed.inc({ reason }),
    });
    this.entries = this.requests.entries;
    this.fanOut = new FanOut({
      metrics,
      registry,
      notify,
      stats,
      games: this.games,
      reconcile: this.reconciler,
      names: (ids) => this.names.of(ids).catch(() => new Map<string, string>()),
    });
    this.status = new StatusRoom({ redis, config, metrics, registry, notify, stats });
  }

  start(): void {
    const { config } = this.deps;
    const every = (ms: number, fn: () => Promise<void>) => {
      const t = setInterval(() => void fn().catch((error: unknown) => this.deps.log.warn({ err: error }, 'periodic task failed')), ms);
      t.unref();
      this.timers.push(t);
    };
    const sliced = (periodMs: number, fn: (slot: number) => Promise<void>) => {
      let slot = 0;
      every(Math.max(10, Math.round(periodMs / PERIODIC_SLICES)), () => fn(slot++ % PERIODIC_SLICES));
    };
    sliced(config.reconcileMs, (slot) => this.reconciler.reconcile('timer', slot));
    sliced(config.statusMs, (slot) => this.status.pushStatus(slot));
    sliced(config.keepAliveMs, (slot) => this.status.keepAlive(slot));
    every(1000, async () => this.games.tellPending());
  }

  stop(): void {
    this.games.stop();
    this.fanOut.stop();
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
  }

  // ---- sockets ---------------------------------------------------------

  onReady(conn: PlayerConnection): void {
    const { entry, first } = this.registry.add(conn);
    // At most maxSocketsPerPlayer here: a newer socket closes the oldest (issue #12, item 11), so
    // one token cannot pin unbounded sockets while the player's real client always gets through.
    const excess = entry.sockets.size - this.deps.config.maxSocketsPerPlayer;
    if (excess > 0) {
      let closed = 0;
      for (const old of entry.sockets) {
        if (closed >= excess) break;
        if (old === conn) continue;
        // FORBIDDEN (4403) is final for clients: the replaced socket does not reconnect and push out the newer one.
        old.fail('FORBIDDEN', `Replaced by a newer connection of this player (at most ${this.deps.config.maxSocketsPerPlayer} at once).`);
        this.registry.remove(old);
        closed++;
      }
    }
    this.deps.metrics.players.set(this.registry.playerCount);
    // Resume: whatever happened while away, the player learns it from keys now.
    void this.reconciler.resume(entry, conn, first).catch((error: unknown) => this.deps.log.warn({ err: error, player: conn.playerId }, 'resume failed'));
  }

  onClosed(conn: PlayerConnection): void {
    // No immediate dequeue: the keep-alive stops and the sweeper removes the
    // lobby after the grace period unless the player comes back (any Coral).
    this.registry.remove(conn);
    this.deps.metrics.players.set(this.registry.playerCount);
  }

  onRequest(conn: PlayerConnection, request: CoralRequest): Promise<void> {
    return this.requests.handle(conn, request);
  }

  // ---- events (sharded pub/sub: fast path, may be lost) -----------------

  /** Whether a raw event names a player held here (the subscriber's pre-filter, before parsing). */
  holdsAnyIn(raw: string): boolean {
    return this.fanOut.holdsAnyIn(raw);
  }

  onEvent(event: QueueEvent): void {
    this.fanOut.onEvent(event);
  }

  /** Reconcile every player held here from keys (after the pub/sub connection came back). */
  reconcileAll(why: ReconcileReason): Promise<void> {
    return this.reconciler.reconcileAll(why);
  }

  refreshStats(): Promise<void> {
    return this.status.refreshStats();
  }
}
