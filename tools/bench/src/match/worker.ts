/**
 * A benchmark client process: holds its share of the player sockets (one
 * Coraline each, opened ahead through nginx) and drives them through queue,
 * match, accept and game ready, recording client-side timings.
 */
import { monitorEventLoopDelay, PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { backoffDelay, Coraline, type WebSocketConstructor } from '@glaceon/client';
import { verifyJoinTicket } from '@glaceon/protocol/node';
import type { FromWorker, PlayerResult, ToWorker } from './messages.js';
import type { BenchPlayer } from './population.js';

interface Sim {
  p: BenchPlayer;
  client: Coraline;
  result: PlayerResult;
  tickets: { ticket: string; gameId: string; serverId: string }[];
  /** Told its game ended (the ladder's step ends once every matched player's game has). */
  gameEnded?: boolean;
}

const send = (m: FromWorker) => process.send?.(m);
const sims: Sim[] = [];
const errors: string[] = [];
let errorCount = 0;
const errorKinds: Record<string, number> = {};
const MAX_ERROR_KINDS = 50;
const noteError = (what: string) => {
  errorCount++;
  if (errors.length < 20) errors.push(what);
  // Ids and numbers removed, so the same failure from many players is one kind.
  const kind = what
    .replace(/\b[a-z]{1,3}_[A-Za-z0-9_-]{8,}/g, '<id>')
    .replace(/\d+/g, 'N')
    .slice(0, 160);
  // At most MAX_ERROR_KINDS kinds: an error that names something new each time cannot grow the report.
  const key = kind in errorKinds || Object.keys(errorKinds).length < MAX_ERROR_KINDS ? kind : 'other kinds';
  errorKinds[key] = (errorKinds[key] ?? 0) + 1;
};
/** Like the launcher: BUSY (or UNAVAILABLE) from queue.start is retried with backoff and jitter, this many times. */
const BUSY_RETRIES = 6;
const BUSY_BACKOFF = { initialMs: 500, maxMs: 8000, factor: 2 };

/** `ws` with a chosen loopback source address per socket: one address has ~28,000 ephemeral ports per destination. */
function webSocketFrom(localAddresses: readonly string[]): WebSocketConstructor {
  if (localAddresses.length === 0) return WebSocket as unknown as WebSocketConstructor;
  let next = 0;
  class SourcedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[], options: Record<string, unknown> = {}) {
      super(url, protocols, { ...options, localAddress: localAddresses[next++ % localAddresses.length] });
    }
  }
  return SourcedWebSocket as unknown as WebSocketConstructor;
}
let publicKeyPem = '';
let progressTimer: NodeJS.Timeout | undefined;

const frameCounts: Record<string, number> = {};
/** queue.start frames sent per macrotask (see go()). */
const START_SLICE = 100;
// Is the load generator itself late? Its event-loop delay from "go" to "finish" says.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
// ...and whether its own garbage collector is why (the longest pause, and the full collections).
const gc = { maxPauseMs: 0, major: 0, measuring: false };
new PerformanceObserver((list) => {
  if (!gc.measuring) return;
  for (const e of list.getEntries()) {
    gc.maxPauseMs = Math.max(gc.maxPauseMs, Math.round(e.duration));
    if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) gc.major++;
  }
}).observe({ entryTypes: ['gc'] });

function belief(client: Coraline, sim: Sim): void {
  client.on('message', (m) => {
    frameCounts[m.type] = (frameCounts[m.type] ?? 0) + 1;
    switch (m.type) {
      case 'queue.status':
        sim.result.belief = 'queued';
        if (sim.result.serverQueuedAt === 0) sim.result.serverQueuedAt = m.queuedAt;
        break;
      case 'match.found':
        sim.result.belief = 'prematch';
        break;
      case 'game.ready':
      case 'game.pending':
        sim.result.belief = 'ingame';
        break;
      case 'game.ended':
        sim.gameEnded = true;
        break;
      case 'lobby.updated':
        if (!m.lobby) sim.result.belief = 'none';
        else if (m.lobby.state === 'idle') sim.result.belief = 'idle';
        break;
      default:
        break;
    }
  });
}

async function connectAll(wsUrl: string, players: BenchPlayer[], localAddresses: readonly string[] = []): Promise<void> {
  const WS = webSocketFrom(localAddresses);
  let failed = 0;
  let next = 0;
  const one = async (p: BenchPlayer) => {
    const client = new Coraline({
      url: wsUrl,
      token: p.token,
      WebSocket: WS,
      reconnect: { initialMs: 200, maxMs: 2000 },
      requestTimeoutMs: 60_000,
      connectTimeoutMs: 30_000,
    });
    const sim: Sim = {
      p,
      client,
      tickets: [],
      result: {
        playerId: p.playerId,
        lobbyId: p.lobbyId,
        handshakeMs: 0,
        queuedAt: 0,
        queueAckAt: 0,
        serverQueuedAt: 0,
        matchFoundAt: 0,
        gameReadyAt: 0,
        gameIds: [],
        prematchIds: [],
        ticketOk: false,
        busyRefusals: 0,
        toldBusy: false,
        queueRefusal: '',
        belief: 'unknown',
        connected: false,
      },
    };
    belief(client, sim);
    client.on('match.found', (m) => {
      if (!sim.result.prematchIds.includes(m.prematchId)) sim.result.prematchIds.push(m.prematchId);
      if (sim.result.matchFoundAt === 0) sim.result.matchFoundAt = Date.now();
      // Accept just after this turn: frames that arrived together (hundreds of sockets in one
      // poll) are all timestamped first, instead of each waiting for the accepts sent before it.
      if (!m.youAccepted) setImmediate(() => client.accept(m.prematchId).catch((e: unknown) => noteError(`accept: ${String(e)}`)));
    });
    client.on('game.ready', (g) => {
      if (sim.result.gameReadyAt === 0) sim.result.gameReadyAt = Date.now();
      if (!sim.result.gameIds.includes(g.gameId)) sim.result.gameIds.push(g.gameId);
      sim.tickets.push({ ticket: g.ticket, gameId: g.gameId, serverId: g.serverId });
    });
    client.on('disconnected', () => (sim.result.connected = false));
    client.on('welcome', () => (sim.result.connected = true));
    sims.push(sim);
    const started = Date.now();
    try {
      await client.connect();
      sim.result.handshakeMs = Date.now() - started;
      // --regions: the player's measured round trips, as the launcher reports them before queueing.
      if (p.latencies) await client.request({ type: 'region.latencies', latencies: p.latencies });
    } catch (error) {
      failed++;
      noteError(`connect: ${String(error)}`);
    }
  };
  // A few hundred handshakes in flight at a time: the point is to be connected before the clock starts.
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      while (next < players.length) await one(players[next++] as BenchPlayer);
    }),
  );
  send({ type: 'connected', count: players.length - failed, failed });
}

function go(t0: number, offsets: Record<string, number>): void {
  loopDelay.enable();
  gc.measuring = true;
  const byLobby = new Map<string, Sim[]>();
  for (const s of sims) {
    let list = byLobby.get(s.p.lobbyId);
    if (!list) byLobby.set(s.p.lobbyId, (list = []));
    list.push(s);
  }
  // Starts due at once go out in slices of START_SLICE per macrotask, so this process reads
  // the frames already arriving in between: one synchronous loop over thousands of sends
  // blocked it for a second, and it then observed early matches a second late.
  const due: (() => void)[] = [];
  let draining = false;
  const drain = () => {
    for (const start of due.splice(0, START_SLICE)) start();
    if (due.length > 0) setImmediate(drain);
    else draining = false;
  };
  const enqueue = (start: () => void) => {
    due.push(start);
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  };
  for (const [lobbyId, members] of byLobby) {
    const host = members.find((s) => s.p.host);
    const offset = offsets[lobbyId];
    // Lobbies without an arrival time stay idle (the rate form opens more sockets than arrive).
    if (!host || offset === undefined) continue;
    const at = t0 + offset;
    const attempt = (n: number) => {
      host.client.startQueue().then(
        () => (host.result.queueAckAt = Date.now()),
        (e: unknown) => {
          const { code, message } = e as { code?: string; message?: string };
          // Coral's refusals, not Coraline's own timeouts (also UNAVAILABLE): those are unanswered requests.
          if (code === 'BUSY' || (code === 'UNAVAILABLE' && /busy/i.test(message ?? ''))) {
            for (const m of members) m.result.busyRefusals++;
            if (n < BUSY_RETRIES) setTimeout(() => attempt(n + 1), backoffDelay(n, BUSY_BACKOFF));
            else for (const m of members) m.result.toldBusy = true;
            return;
          }
          // Coraline's own failures (no reply in time, not connected) are UNAVAILABLE: no answer. Any
          // other code came from Coral: an answer, though an error.
          if (code && code !== 'UNAVAILABLE') host.result.queueRefusal = code;
          noteError(`queue.start: ${code ?? 'no code'}: ${message ?? String(e)}`);
        },
      );
    };
    const start = () => {
      const now = Date.now();
      for (const m of members) m.result.queuedAt = now;
      attempt(0);
    };
    setTimeout(() => enqueue(start), Math.max(0, at - Date.now()));
  }
  progressTimer = setInterval(() => {
    let gameReady = 0;
    let matchFound = 0;
    let gameEnded = 0;
    for (const s of sims) {
      if (s.result.gameReadyAt) gameReady++;
      if (s.result.matchFoundAt) matchFound++;
      if (s.result.gameReadyAt && s.gameEnded) gameEnded++;
    }
    send({ type: 'progress', gameReady, matchFound, gameEnded });
  }, 250);
}

function finish(): void {
  clearInterval(progressTimer);
  loopDelay.disable();
  const ms = (ns: number) => Math.round(ns / 1e6);
  const eventLoopDelayMs = {
    p50: ms(loopDelay.percentile(50)),
    p99: ms(loopDelay.percentile(99)),
    max: ms(loopDelay.max),
    gcMaxPauseMs: gc.maxPauseMs,
    majorGcs: gc.major,
  };
  // Tickets are checked after the clock stopped, so verifying does not slow the run.
  for (const s of sims) {
    s.result.ticketOk =
      s.tickets.length > 0 &&
      s.tickets.every((t) => verifyJoinTicket(t.ticket, publicKeyPem, { gameId: t.gameId, playerId: s.p.playerId, serverId: t.serverId }).ok);
  }
  send({ type: 'result', players: sims.map((s) => s.result), errors, errorCount, errorKinds, frames: frameCounts, eventLoopDelayMs });
}

process.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'init':
      publicKeyPem = m.publicKeyPem;
      void connectAll(m.wsUrl, m.players, m.localAddresses);
      break;
    case 'go':
      go(m.t0, m.offsets);
      break;
    case 'finish':
      finish();
      break;
    case 'close': {
      // A lobby still queued leaves the queue before its sockets close: left there it would be
      // matched in the next step with players who never accept (its players are gone).
      const leaving = sims.filter((s) => s.result.belief === 'queued' && s.result.gameReadyAt === 0).map((s) => s.client.cancelQueue().catch(() => undefined));
      void Promise.race([Promise.all(leaving), new Promise((r) => setTimeout(r, 3000))]).then(() => {
        for (const s of sims) s.client.close();
        setTimeout(() => process.exit(0), 200).unref();
      });
      break;
    }
  }
});

// The parent is gone: do not outlive it with thousands of open sockets.
process.on('disconnect', () => process.exit(0));
