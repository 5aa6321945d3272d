import type { Logger } from 'pino';
import { GlaceonError, isQueueModeId, type CoralRequest, type CoralServerMessage, type QueueModeId } from '@glaceon/protocol';
import {
  acceptMatch,
  cancelQueue,
  declineMatch,
  getLobby,
  getPlayerLobbyId,
  getPlayerMatchView,
  gameIdOf,
  prematchIdOf,
  getQueueStats,
  keys,
  startQueueForPlayer,
  touchPlayers,
  type PlayerMatchView,
  type QueueEvent,
  type QueueStats,
  type RedisClient,
} from '@glaceon/store';
import { EntryGate } from './entry-gate.js';
import type { CoralConfig } from '../config/config.js';
import type { TicketSigner } from '../games/tickets.js';
import type { CoralMetrics } from '../metrics/metrics.js';
import type { PlayerConnection } from '../socket/connection.js';
import { lobbyView } from './lobby-view.js';
import { PlayerRegistry, told, type PlayerLocalState } from './registry.js';
import { queueStatus } from '../engine/index.js';
import { matchFound, queueStatusMessage, viewKey } from './snapshot.js';

export interface PlayServiceDeps {
  redis: RedisClient;
  config: CoralConfig;
  metrics: CoralMetrics;
  log: Logger;
  signer: TicketSigner;
  /** Start game creation for a fully accepted prematch (idempotent). */
  createGame: (mode: QueueModeId, prematchId: string) => void;
}

// Long enough that a quick ready check (everyone accepts at once) sends none at all:
// the count is dropped once the game is being created.
const PROGRESS_COALESCE_MS = 150;
/** Game creation slower than this (usually: no free server) is announced with `game.pending`. */
const PENDING_NOTICE_MS = 5000;

/**
 * Periodic per-player work (reconcile, status, keep-alive) runs in this many slices spread
 * over its period, each player in one slice: the same work per player, but a tenth of the
 * players every tenth of the period instead of all of them at once (which stalled Redis and
 * the event loop for everyone else, the matchmaker's round trips included).
 */
const PERIODIC_SLICES = 10;
/** The timed reconcile skips players told something new less than this ago (at most half its period). */
const RECONCILE_SETTLE_MS = 2000;
/** Players in no queue (idle, or in no lobby) are reconciled every this many periods. */
const IDLE_RECONCILE_EVERY = 4;
/** game.ready tickets signed per turn of the event loop. */
const GAME_READY_SLICE = 64;

/** Where a player's game runs (what game.ready carries besides the ticket). */
interface GameAddress {
  gameId: string;
  prematchId: string;
  serverId: string;
  address: string;
}

/** Record that the player's game is ready (what reconcile and the deferred game.ready check). */
function markGameReady(entry: PlayerLocalState, game: GameAddress): void {
  const k = entry.known;
  entry.known = { state: 'ingame', lobbyId: 'lobbyId' in k ? k.lobbyId : '', mode: 'mode' in k ? k.mode : '', gameId: game.gameId, ready: true };
  told(entry, `ingame:${game.gameId}:ready`);
}

/** Run `fn` over `items` with at most `limit` in flight. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) await fn(items[i++] as T);
  });
  await Promise.all(workers);
}

/**
 * Everything Coral does for the players it holds sockets for: serve their
 * requests, forward queue events to them, resume them on (re)connect, and
 * reconcile from keys on a timer (pub/sub is at-most-once).
 */
export class PlayService {
  readonly registry = new PlayerRegistry(PERIODIC_SLICES);
  private readonly stats = new Map<QueueModeId, QueueStats>();
  /** Prematches whose game is being created: players are told `game.pending` if it takes a while. */
  private readonly creating = new Map<string, { since: number; told: boolean; players: Set<string> }>();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  /** Pending `match.progress` per prematch (coalesced). */
  private readonly progress = new Map<string, { event: Extract<QueueEvent, { type: 'accepted' }>; timer: ReturnType<typeof setTimeout> }>();
  /** Reconcile runs in progress: a slot, or 'all' (see reconcile). */
  private readonly reconciling = new Set<number | 'all'>();
  /** game.ready still to sign and send (see queueGameReady). */
  private readonly readyQueue: { entry: PlayerLocalState; game: GameAddress }[] = [];
  private readyFlush: NodeJS.Immediate | undefined;
  /** Queue entries and cancels: bounded in flight, in arrival order (see entry-gate.ts). */
  readonly entries: EntryGate;

  constructor(private readonly deps: PlayServiceDeps) {
    this.entries = new EntryGate(deps.config.queueEntryConcurrency);
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
    sliced(config.reconcileMs, (slot) => this.reconcile('timer', slot));
    sliced(config.statusMs, (slot) => this.pushStatus(slot));
    sliced(config.keepAliveMs, (slot) => this.keepAlive(slot));
    every(1000, async () => this.tellPending());
  }

  stop(): void {
    if (this.readyFlush) clearImmediate(this.readyFlush);
    this.readyFlush = undefined;
    this.readyQueue.length = 0;
    for (const p of this.progress.values()) clearTimeout(p.timer);
    this.progress.clear();
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
  }

  // ---- sockets ---------------------------------------------------------

  onReady(conn: PlayerConnection): void {
    const { entry, first } = this.registry.add(conn);
    this.deps.metrics.players.set(this.registry.playerCount);
    // Resume: whatever happened while away, the player learns it from keys now.
    void this.resync(entry, [conn], first).catch((error: unknown) => this.deps.log.warn({ err: error, player: conn.playerId }, 'resume failed'));
  }

  onClosed(conn: PlayerConnection): void {
    // No immediate dequeue: the keep-alive stops and the sweeper removes the
    // lobby after the grace period unless the player comes back (any Coral).
    this.registry.remove(conn);
    this.deps.metrics.players.set(this.registry.playerCount);
  }

  async onRequest(conn: PlayerConnection, request: CoralRequest): Promise<void> {
    const { redis } = this.deps;
    const playerId = conn.playerId;
    switch (request.type) {
      case 'queue.start': {
        // Inside the gate, reads included: a herd's lookups wait their turn too. The lobby we last
        // saw the player in is a hint that saves a round trip; the store checks it.
        const known = this.registry.get(playerId)?.known;
        const lobbyHint = known && 'lobbyId' in known ? known.lobbyId : undefined;
        await this.entries.run(() => startQueueForPlayer(redis, { playerId, ...(lobbyHint ? { lobbyHint } : {}) }));
        conn.send({ type: 'ack', id: request.id });
        return;
      }
      case 'queue.cancel': {
        await this.entries.run(async () => {
          const lobbyId = await getPlayerLobbyId(redis, playerId);
          if (!lobbyId) throw new GlaceonError('NOT_IN_LOBBY', 'You are not in a lobby.');
          await cancelQueue(redis, { lobbyId, requesterId: playerId, reason: 'cancelled' });
        });
        conn.send({ type: 'ack', id: request.id });
        return;
      }
      case 'match.accept':
      case 'match.decline': {
        const mode = await this.modeOfPrematch(playerId, request.prematchId);
        const input = { mode, prematchId: request.prematchId, playerId };
        if (request.type === 'match.decline') {
          await declineMatch(redis, input);
          conn.send({ type: 'ack', id: request.id });
          return;
        }
        const result = await acceptMatch(redis, input);
        conn.send({ type: 'ack', id: request.id });
        if (result.allAccepted) this.deps.createGame(mode, request.prematchId);
        return;
      }
    }
  }

  /** The mode of the player's prematch: from what we were told, else from keys. The scripts re-check membership. */
  private async modeOfPrematch(playerId: string, prematchId: string): Promise<QueueModeId> {
    const known = this.registry.get(playerId)?.known;
    if (known && known.state === 'prematch' && known.prematchId === prematchId && isQueueModeId(known.mode)) return known.mode;
    const view = await getPlayerMatchView(this.deps.redis, playerId);
    if (view.state !== 'prematch' && view.state !== 'ingame') throw new GlaceonError('WRONG_STATE', 'You are not in a ready check.');
    if (view.prematchId !== prematchId) throw new GlaceonError('WRONG_STATE', 'That ready check is not yours or is over.');
    return view.mode;
  }

  // ---- events (sharded pub/sub: fast path, may be lost) -----------------

  /**
   * Whether a raw event names a player held here, without parsing it: events
   * are JSON with a `"players":["p_…",…]` array (ids never contain quotes).
   */
  holdsAnyIn(raw: string): boolean {
    if (this.registry.playerCount === 0) return false;
    const start = raw.indexOf('"players":[');
    if (start < 0) return false;
    const end = raw.indexOf(']', start);
    if (end < 0) return false;
    const list = raw.slice(start + 11, end);
    for (let i = list.indexOf('"'); i >= 0; ) {
      const close = list.indexOf('"', i + 1);
      if (close < 0) break;
      if (this.registry.has(list.slice(i + 1, close))) return true;
      i = list.indexOf('"', close + 1);
    }
    return false;
  }

  onEvent(event: QueueEvent): void {
    this.deps.metrics.events.inc({ event: event.type });
    const local = event.players.filter((p) => this.registry.has(p));
    if (event.type === 'game_ready' || event.type === 'ready_failed') this.creating.delete(event.pm);
    if (event.type === 'game_over') this.creating.delete(prematchIdOf(event.gameId));
    if (local.length === 0) return;
    if (event.type === 'game_creating') this.creating.set(event.pm, { since: Date.now(), told: false, players: new Set(local) });
    const now = Date.now();
    switch (event.type) {
      case 'queued':
      case 'requeued':
        // The queue's size as of this entry: fresher than the periodic stats (the first
        // queue.status of a lobby joining a quiet queue said "0 searching" before).
        if (event.type === 'queued' && typeof event.searching === 'number') {
          const stats = this.stats.get(event.mode);
          this.stats.set(event.mode, { mode: event.mode, estimatedWaitMs: stats?.estimatedWaitMs ?? null, searching: Math.max(0, event.searching) });
        }
        for (const p of local) {
          const entry = this.registry.get(p);
          if (!entry) continue;
          entry.known = { state: 'queued', lobbyId: event.lobbyId, mode: event.mode, queuedAt: event.queuedAt };
          told(entry, `queued:${event.ticket}`);
          entry.statusAt = now;
          this.registry.send(p, this.statusOf(event.lobbyId, event.mode, event.queuedAt, now));
        }
        return;
      case 'prematch':
        for (const p of local) {
          const entry = this.registry.get(p);
          if (!entry) continue;
          const lobbyId = 'lobbyId' in entry.known ? entry.known.lobbyId : '';
          entry.known = { state: 'prematch', lobbyId, mode: event.mode, prematchId: event.pm };
          told(entry, `prematch:${event.pm}`);
        }
        this.registry.broadcast(local, {
          type: 'match.found',
          prematchId: event.pm,
          mode: event.mode,
          deadline: event.deadline,
          players: Math.max(1, event.players.length),
          accepted: 0,
          youAccepted: false,
        });
        return;
      case 'accepted': {
        // Accepts arrive in bursts: send the latest count once per short window, and not at all
        // if the game is already being created (everyone accepted).
        const pending = this.progress.get(event.pm);
        if (pending) {
          pending.event = event;
          return;
        }
        const entry = { event, timer: setTimeout(() => {
          this.progress.delete(event.pm);
          const e = entry.event;
          this.registry.broadcast(e.players, { type: 'match.progress', prematchId: e.pm, accepted: e.accepted.length, players: Math.max(1, e.players.length) });
        }, PROGRESS_COALESCE_MS) };
        this.progress.set(event.pm, entry);
        return;
      }
      case 'game_ready':
        for (const p of local) {
          const entry = this.registry.get(p);
          if (!entry) continue;
          this.queueGameReady(entry, { gameId: event.gameId, prematchId: event.pm, serverId: event.serverId, address: event.address });
        }
        return;
      case 'ready_failed':
        void this.refreshPlayers(local, (entry, view) => {
          const requeued = view.state === 'queued';
          return [{ type: 'match.cancelled', prematchId: event.pm, reason: event.reason, requeued }];
        });
        return;
      case 'game_over':
        void this.refreshPlayers(local, (_entry, view) => {
          const result = view.state === 'idle' && view.lastResult && typeof view.lastResult === 'object' && !Array.isArray(view.lastResult)
            ? (view.lastResult as Record<string, unknown>)
            : { reason: event.reason };
          return [{ type: 'game.ended', gameId: event.gameId, result }];
        });
        return;
      case 'game_creating':
        clearTimeout(this.progress.get(event.pm)?.timer);
        this.progress.delete(event.pm);
        for (const p of local) {
          const entry = this.registry.get(p);
          if (!entry) continue;
          const k = entry.known;
          entry.known = { state: 'ingame', lobbyId: 'lobbyId' in k ? k.lobbyId : '', mode: event.mode, gameId: event.gameId, ready: false };
          told(entry, `ingame:${event.gameId}:creating`);
        }
        return;
      case 'left':
        void this.refreshPlayers(local, () => []);
        return;
    }
  }

  /** Re-read the players' views and send `extra(...)` followed by their current state. */
  private async refreshPlayers(playerIds: string[], extra: (entry: PlayerLocalState, view: PlayerMatchView) => CoralServerMessage[]): Promise<void> {
    await eachLimited(playerIds, 32, async (p) => {
      const entry = this.registry.get(p);
      if (!entry) return;
      try {
        const view = await getPlayerMatchView(this.deps.redis, p);
        for (const m of extra(entry, view)) this.registry.send(p, m);
        await this.sendSnapshot(entry, view, [...entry.sockets]);
      } catch (error) {
        this.deps.log.warn({ err: error, player: p }, 'refresh failed');
      }
    });
  }

  // ---- resume and reconcile (keys are the truth) -------------------------

  /** Read the player's state from keys and send it to `conns` (a fresh socket) or to all their sockets. */
  private async resync(entry: PlayerLocalState, conns: PlayerConnection[], touchNow: boolean): Promise<void> {
    const view = await getPlayerMatchView(this.deps.redis, entry.playerId);
    if (touchNow && view.state === 'queued') await touchPlayers(this.deps.redis, view.mode, [entry.playerId]);
    await this.sendSnapshot(entry, view, conns);
  }

  private async sendSnapshot(entry: PlayerLocalState, view: PlayerMatchView, conns: PlayerConnection[]): Promise<void> {
    const now = Date.now();
    told(entry, viewKey(view));
    const messages: CoralServerMessage[] = [];
    if (view.state === 'none') {
      entry.known = { state: 'none' };
      messages.push({ type: 'lobby.updated', lobby: null });
    } else {
      const lobby = await getLobby(this.deps.redis, view.lobbyId).catch(() => null);
      messages.push({ type: 'lobby.updated', lobby: lobby ? lobbyView(lobby) : null });
      switch (view.state) {
        case 'idle':
          entry.known = { state: 'idle', lobbyId: view.lobbyId };
          break;
        case 'queued':
          entry.known = { state: 'queued', lobbyId: view.lobbyId, mode: view.mode, queuedAt: view.queuedAt };
          messages.push(this.statusOf(view.lobbyId, view.mode, view.queuedAt, now));
          break;
        case 'prematch':
          entry.known = { state: 'prematch', lobbyId: view.lobbyId, mode: view.mode, prematchId: view.prematchId };
          messages.push(matchFound(view));
          break;
        case 'ingame':
          entry.known = { state: 'ingame', lobbyId: view.lobbyId, mode: view.mode, gameId: view.gameId, ready: view.game === 'ready' };
          if (view.game === 'creating') {
            const c = this.creating.get(view.prematchId);
            if (c) c.players.add(entry.playerId);
            else this.creating.set(view.prematchId, { since: now, told: false, players: new Set([entry.playerId]) });
          }
          break;
      }
    }
    for (const conn of conns) for (const m of messages) conn.send(m);
    if (view.state === 'ingame' && view.game === 'ready' && view.serverId && view.address) {
      // A fresh ticket for every resume: the previous one may have expired.
      this.sendGameReady(entry, { gameId: view.gameId, prematchId: view.prematchId, serverId: view.serverId, address: view.address }, now, conns);
    }
  }

  /**
   * game.ready from an event: the state is recorded now, the ticket is signed and sent just
   * after this turn of the event loop, a slice at a time. Signing is most of the work of a
   * burst of game_ready events, and done inline it held back every event behind it, a new
   * match's match.found among them. A player who moved on (or left) meanwhile is skipped.
   */
  private queueGameReady(entry: PlayerLocalState, game: GameAddress): void {
    markGameReady(entry, game);
    this.readyQueue.push({ entry, game });
    this.readyFlush ??= setImmediate(() => this.flushGameReady());
  }

  private flushGameReady(): void {
    this.readyFlush = undefined;
    const now = Date.now();
    for (const { entry, game } of this.readyQueue.splice(0, GAME_READY_SLICE)) {
      if (this.registry.get(entry.playerId) !== entry) continue;
      if (entry.known.state !== 'ingame' || entry.known.gameId !== game.gameId) continue;
      this.sendGameReady(entry, game, now);
    }
    if (this.readyQueue.length > 0) this.readyFlush = setImmediate(() => this.flushGameReady());
  }

  private sendGameReady(entry: PlayerLocalState, game: GameAddress, now: number, conns?: PlayerConnection[]): void {
    markGameReady(entry, game);
    // Given sockets (a resume, a reconcile) always get a fresh ticket; from an event, only the
    // sockets that have not had this game's yet (a socket resumed meanwhile may have).
    const targets = conns ?? [...entry.sockets].filter((c) => c.gameReadyFor !== game.gameId);
    if (targets.length === 0) return;
    // The ticket is this player's alone: only their sockets ever see it.
    const { ticket, expiresAt } = this.deps.signer.issue({ gameId: game.gameId, playerId: entry.playerId, serverId: game.serverId, now });
    const message: CoralServerMessage = { type: 'game.ready', gameId: game.gameId, prematchId: game.prematchId, serverId: game.serverId, moonstone: game.address, ticket, ticketExpiresAt: expiresAt };
    for (const conn of targets) {
      conn.send(message);
      conn.gameReadyFor = game.gameId;
    }
  }

  /** Reconcile every player held here from keys; tell those whose state moved without us hearing of it. */
  async reconcileAll(why: 'timer' | 'pubsub_reconnect'): Promise<void> {
    await this.reconcile(why, undefined);
  }

  /**
   * Reconcile one slice of the players held here (all of them when `slot` is undefined). A run
   * still going for the same slice (slow Redis) is not started twice.
   */
  private async reconcile(why: 'timer' | 'pubsub_reconnect', slot: number | undefined): Promise<void> {
    const run = slot ?? 'all';
    if (this.reconciling.has(run)) return;
    this.reconciling.add(run);
    try {
      await this.reconcileEntries(why, slot);
    } finally {
      this.reconciling.delete(run);
    }
  }

  private async reconcileEntries(why: 'timer' | 'pubsub_reconnect', slot: number | undefined): Promise<void> {
    // The timed pass leaves alone players told something new a moment ago: their next events are
    // probably in flight, and reading keys now races them (in a burst that was a full view read
    // per player, for nothing). They are checked on the next pass. After a pub/sub reconnect
    // everyone is checked: events may have been lost at any moment.
    const timed = why === 'timer';
    const settleMs = timed ? Math.min(RECONCILE_SETTLE_MS, this.deps.config.reconcileMs / 2) : 0;
    // Players outside any queue (idle in a lobby, or in none) are checked every few passes only:
    // all they can miss is their lobby being queued, and the next event names them anyway
    // (events go to the players they list). With most players idle, that was most reads.
    // Never longer than half the keep-alive grace: a player wrongly believed idle gets no keep-alive.
    const { reconcileMs, graceMs } = this.deps.config;
    const idleEveryMs = Math.min(reconcileMs * IDLE_RECONCILE_EVERY - reconcileMs / 2, graceMs / 2);
    const now = Date.now();
    const entries = [...this.registry.inSlot(slot)].filter((e) => {
      if (!timed) return true;
      if (e.toldAt !== undefined && now - e.toldAt < settleMs) return false;
      const outside = e.known.state === 'idle' || e.known.state === 'none';
      if (outside && e.reconciledAt !== undefined && now - e.reconciledAt < idleEveryMs) return false;
      e.reconciledAt = now;
      return true;
    });
    await eachLimited(entries, 32, async (entry) => {
      if (entry.sockets.size === 0) return;
      if (await this.unchanged(entry)) return;
      const view = await getPlayerMatchView(this.deps.redis, entry.playerId);
      if (viewKey(view) === entry.lastKey) return;
      this.deps.metrics.recoveries.inc({ kind: why === 'timer' ? 'reconcile' : 'pubsub_reconnect' });
      await this.sendSnapshot(entry, view, [...entry.sockets]);
    });
  }

  /**
   * One cheap read that proves nothing moved since we last told the player:
   * the lobby's state (and ticket) as we know them, or still no lobby. Any
   * doubt falls through to the full view.
   */
  private async unchanged(entry: PlayerLocalState): Promise<boolean> {
    const k = entry.known;
    const { redis } = this.deps;
    if (k.state === 'unknown') return false;
    if (k.state === 'none') return (await redis.hget(keys.player(entry.playerId), 'lobby')) === null;
    if (k.state === 'ingame' && !k.ready) return false;
    if (k.state === 'idle') {
      // Membership can change only while idle: check the player is still in that lobby.
      const [lobbyOfPlayer, state] = await Promise.all([redis.hget(keys.player(entry.playerId), 'lobby'), redis.hget(keys.lobby(k.lobbyId), 'state')]);
      return lobbyOfPlayer === k.lobbyId && (state ?? 'idle') === 'idle';
    }
    // Queued, in a ready check or in a game, the lobby is locked: its state and ticket say it all.
    const [state, ticket] = await redis.hmget(keys.lobby(k.lobbyId), 'state', 'ticket');
    if (state !== k.state) return false;
    return k.state !== 'queued' || entry.lastKey === `queued:${ticket ?? ''}`;
  }

  // ---- periodic status and keep-alive ------------------------------------

  private statusOf(lobbyId: string, mode: QueueModeId, queuedAt: number, now: number): CoralServerMessage {
    const status = queueStatus(this.stats.get(mode) ?? { mode, searching: 0, estimatedWaitMs: null }, queuedAt, now);
    return queueStatusMessage({ lobbyId, mode, queuedAt, now, searching: status.searching, estimatedWaitMs: status.estimatedWaitMs, ratingWindow: status.ratingWindow });
  }

  async refreshStats(): Promise<void> {
    await Promise.all(
      this.deps.config.modes.map(async (mode) => {
        const s = await getQueueStats(this.deps.redis, mode);
        this.stats.set(mode, s);
        this.deps.metrics.queuedPlayers.set({ mode }, s.searching);
      }),
    );
  }

  private async pushStatus(slot: number): Promise<void> {
    await this.refreshStats();
    const now = Date.now();
    for (const entry of this.registry.inSlot(slot)) {
      const k = entry.known;
      if (k.state !== 'queued' || !isQueueModeId(k.mode)) continue;
      // Just told (queued a moment ago, or resumed): the next round is soon enough.
      if (entry.statusAt !== undefined && now - entry.statusAt < this.deps.config.statusMs / 2) continue;
      entry.statusAt = now;
      this.registry.send(entry.playerId, this.statusOf(k.lobbyId, k.mode, k.queuedAt, now));
    }
  }

  /** Queued players whose socket lives here stay in the queue: refresh their last-seen time. */
  private async keepAlive(slot: number): Promise<void> {
    const byMode = new Map<QueueModeId, string[]>();
    for (const entry of this.registry.inSlot(slot)) {
      const k = entry.known;
      if (k.state !== 'queued' || !isQueueModeId(k.mode)) continue;
      let list = byMode.get(k.mode);
      if (!list) byMode.set(k.mode, (list = []));
      list.push(entry.playerId);
    }
    for (const [mode, players] of byMode) {
      for (let i = 0; i < players.length; i += 500) await touchPlayers(this.deps.redis, mode, players.slice(i, i + 500));
    }
  }

  /** Game creation taking a while (no free server): tell the players who wait, once. */
  private tellPending(): void {
    const now = Date.now();
    for (const [pm, c] of this.creating) {
      if (now - c.since > this.deps.config.serverWaitMs * 2) {
        this.creating.delete(pm);
        continue;
      }
      if (c.told || now - c.since < Math.min(PENDING_NOTICE_MS, this.deps.config.serverWaitMs / 3)) continue;
      c.told = true;
      const gameId = gameIdOf(pm);
      for (const p of c.players) {
        const known = this.registry.get(p)?.known;
        if (known?.state === 'ingame' && !known.ready && known.gameId === gameId) {
          this.registry.send(p, { type: 'game.pending', prematchId: pm, reason: 'no_server', until: c.since + this.deps.config.serverWaitMs });
        }
      }
    }
  }

}
