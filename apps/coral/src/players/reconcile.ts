import type { Logger } from 'pino';
import { eachLimited, type CoralServerMessage, type Lobby } from '@glaceon/protocol';
import { getPlayerMatchViewAndLobby, playerViewUnchanged, touchPlayers, type PlayerMatchView, type RedisClient } from '@glaceon/store';
import type { CoralConfig } from '../config/config.js';
import type { CoralMetrics } from '../metrics/metrics.js';
import type { PlayerConnection } from '../socket/connection.js';
import type { GameReadyRoom } from './game-ready.js';
import type { Notify } from './notify.js';
import { toldPosition, viewKey, type PlayerLocalState, type PlayerRegistry } from './registry.js';

/** The timed reconcile skips players told something new less than this ago (at most half its period). */
const RECONCILE_SETTLE_MS = 2000;
/** Players in no queue (idle, or in no lobby) are reconciled every this many periods. */
const IDLE_RECONCILE_EVERY = 4;

export type ReconcileReason = 'timer' | 'pubsub_reconnect';

/**
 * The lobby this Coral last knew the player in: the view read starts there and skips the
 * player's pointer when the lobby still lists them (the store checks; coral-perf-015).
 */
function lobbyHint(entry: PlayerLocalState): string | undefined {
  const k = entry.known;
  return 'lobbyId' in k && k.lobbyId ? k.lobbyId : undefined;
}

/** What a refresh sends before the player's state, from the view it read (game.ended, match.cancelled). */
export type RefreshExtra = (entry: PlayerLocalState, view: PlayerMatchView) => CoralServerMessage[];

export interface ReconcileDeps {
  redis: RedisClient;
  config: Pick<CoralConfig, 'reconcileMs' | 'graceMs'>;
  metrics: Pick<CoralMetrics, 'recoveries'>;
  log: Logger;
  registry: Pick<PlayerRegistry, 'get' | 'inSlot' | 'reconciled'>;
  notify: Pick<Notify, 'send' | 'snapshot'>;
  games: Pick<GameReadyRoom, 'waiting'>;
}

/**
 * Keys are the truth (pub/sub is at-most-once): players are told their state read from keys on
 * (re)connect, after an event that needs a read, after the pub/sub connection comes back, and on
 * a timer in slices. Owns the guard against a reconcile run starting twice.
 */
export class Reconciler {
  /** Reconcile runs in progress: a slot, or 'all'. */
  private readonly reconciling = new Set<number | 'all'>();
  /** Players with a refresh whose read is not issued yet, and what each asker sends first. */
  private readonly refreshing = new Map<string, RefreshExtra[]>();

  constructor(private readonly deps: ReconcileDeps) {}

  /** Resume: read the player's state from keys and send it to the fresh socket. */
  async resume(entry: PlayerLocalState, conn: PlayerConnection, first: boolean): Promise<void> {
    const { view, lobby } = await getPlayerMatchViewAndLobby(this.deps.redis, entry.playerId, Date.now(), lobbyHint(entry));
    if (first && view.state === 'queued') await touchPlayers(this.deps.redis, view.mode, [entry.playerId]);
    await this.snapshot(entry, view, lobby, [conn]);
  }

  /**
   * Re-read the players' views and send `extra(...)` followed by their current state. Refreshes
   * of one player asked for in the same turn share one read and one snapshot: a game whose
   * players all left ends in one report batch, and its `left` and `game_over` events arrive
   * together (two reads and two identical lobby copies per player before).
   */
  async refresh(playerIds: readonly string[], extra: RefreshExtra): Promise<void> {
    const fresh: string[] = [];
    for (const p of playerIds) {
      const waiting = this.refreshing.get(p);
      if (waiting) waiting.push(extra);
      else {
        this.refreshing.set(p, [extra]);
        fresh.push(p);
      }
    }
    if (fresh.length === 0) return;
    // The other events of this turn join first (one Redis reply chunk carries several).
    await new Promise<void>((resolve) => setImmediate(resolve));
    await eachLimited(fresh, 32, async (p) => {
      // Taken out before the read is issued: an event heard after this point gets its own read.
      const extras = this.refreshing.get(p) ?? [extra];
      this.refreshing.delete(p);
      const entry = this.deps.registry.get(p);
      if (!entry) return;
      try {
        const { view, lobby } = await getPlayerMatchViewAndLobby(this.deps.redis, p, Date.now(), lobbyHint(entry));
        for (const ex of extras) for (const m of ex(entry, view)) this.deps.notify.send(p, m);
        await this.snapshot(entry, view, lobby, [...entry.sockets]);
      } catch (error) {
        this.deps.log.warn({ err: error, player: p }, 'refresh failed');
      }
    });
  }

  /** Reconcile every player held here from keys; tell those whose state moved without us hearing of it. */
  async reconcileAll(why: ReconcileReason): Promise<void> {
    await this.reconcile(why, undefined);
  }

  /**
   * Reconcile one slice of the players held here (all of them when `slot` is undefined). A run
   * still going for the same slice (slow Redis) is not started twice.
   */
  async reconcile(why: ReconcileReason, slot: number | undefined): Promise<void> {
    const run = slot ?? 'all';
    if (this.reconciling.has(run)) return;
    this.reconciling.add(run);
    try {
      await this.reconcileEntries(why, slot);
    } finally {
      this.reconciling.delete(run);
    }
  }

  private async reconcileEntries(why: ReconcileReason, slot: number | undefined): Promise<void> {
    const { redis, config, registry } = this.deps;
    // The timed pass leaves alone players told something new a moment ago: their next events are
    // probably in flight, and reading keys now races them (in a burst that was a full view read
    // per player, for nothing). They are checked on the next pass. After a pub/sub reconnect
    // everyone is checked: events may have been lost at any moment.
    const timed = why === 'timer';
    const settleMs = timed ? Math.min(RECONCILE_SETTLE_MS, config.reconcileMs / 2) : 0;
    // Players outside any queue (idle, or in no lobby) are checked every few passes only:
    // all they can miss is their lobby being queued, and the next event names them anyway
    // (events go to the players they list). With most players idle, that was most reads.
    // Never longer than half the keep-alive grace: a player wrongly believed idle gets no keep-alive.
    const { reconcileMs, graceMs } = config;
    const idleEveryMs = Math.min(reconcileMs * IDLE_RECONCILE_EVERY - reconcileMs / 2, graceMs / 2);
    const now = Date.now();
    const entries = [...registry.inSlot(slot)].filter((e) => {
      if (!timed) return true;
      if (e.toldAt !== undefined && now - e.toldAt < settleMs) return false;
      const outside = e.known.state === 'idle' || e.known.state === 'none';
      if (outside && e.reconciledAt !== undefined && now - e.reconciledAt < idleEveryMs) return false;
      registry.reconciled(e, now);
      return true;
    });
    await eachLimited(entries, 32, async (entry) => {
      if (entry.sockets.size === 0) return;
      // One cheap read that proves nothing moved since we last told the player; any doubt falls
      // through to the full view.
      const told = toldPosition(entry);
      if (told && (await playerViewUnchanged(redis, entry.playerId, told))) return;
      const { view, lobby } = await getPlayerMatchViewAndLobby(redis, entry.playerId, Date.now(), lobbyHint(entry));
      if (viewKey(view) === entry.lastKey) return;
      this.deps.metrics.recoveries.inc({ kind: why === 'timer' ? 'reconcile' : 'pubsub_reconnect' });
      await this.snapshot(entry, view, lobby, [...entry.sockets]);
    });
  }

  /** Tell the player their state from `view`; a player waiting for a game being created may get game.pending. */
  private async snapshot(entry: PlayerLocalState, view: PlayerMatchView, lobby: Lobby | null, conns: PlayerConnection[]): Promise<void> {
    const now = Date.now();
    this.deps.notify.snapshot(entry, view, lobby, conns, now);
    // After the sends: only microtasks run in between, and none of them reads the games being created.
    if (view.state === 'ingame' && view.game === 'creating') this.deps.games.waiting(view.prematchId, entry.playerId, now);
  }
}
