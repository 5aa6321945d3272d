import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { QueueModeId } from '@glaceon/protocol';
import { closeRedis, createRedis, endGame, type RedisClient } from '@glaceon/store';
import type { CoralConfig } from './config/config.js';
import { reloadQueueConfig, servedSlots, type QueueReload } from './config/reload.js';
import { subscribeQueueEvents, type QueueEventSubscriber } from './events/subscriber.js';
import { createGameCreator } from './games/game-creator.js';
import type { GameServerFleet } from './games/fleet-port.js';
import { redisFleet } from './games/redis-fleet.js';
import { createTicketSigner } from './games/tickets.js';
import { createHttpHandler } from './http/http-handler.js';
import { startInlineMatchmaking } from './matchmaking/inline.js';
import { startMatchmakerThread } from './matchmaking/host.js';
import type { Matchmaking } from './matchmaking/matchmaking.js';
import { createCoralMetrics, registerEntriesWaitingGauge, registerSocketGauges, type CoralMetrics } from './metrics/metrics.js';
import { LoopDelay } from './players/load-signal.js';
import { PlayService } from './players/play-service.js';
import { createSocketServer } from './socket/socket-server.js';
import { mountFleet } from './fleet-mount.js';

export interface BuildCoralOptions {
  config: CoralConfig;
  log?: Logger;
  /** Replace the Moonstone fleet (the benchmark's stand-in); default: the registry in Redis. */
  fleet?: GameServerFleet;
  /** Run the matchmaker leader candidates (default true). */
  matchmaking?: boolean;
  /**
   * Where the matchmaker runs: 'thread' (its own worker thread, what `server.ts` uses) or
   * 'inline' (the main thread; the default, for in-process tests without a TypeScript loader
   * in worker threads).
   */
  matchmakerIn?: 'thread' | 'inline';
}

export interface Coral {
  readonly config: CoralConfig;
  readonly server: Server;
  /** The internal listener: fleet API and /metrics (never published by the load balancer). */
  readonly internalServer: Server;
  /** Where the internal listener is bound, once listening. */
  internalAddress(): AddressInfo | undefined;
  readonly redis: RedisClient;
  readonly metrics: CoralMetrics;
  readonly play: PlayService;
  /** Start Redis clients, the subscriber, the leaders and timers, then listen (the internal listener on config.internalPort/internalHost). */
  listen(port: number, host?: string): Promise<AddressInfo>;
  /**
   * Apply a changed queue file (SIGHUP): new queues open (leader, events), changed rules apply
   * on the next tick, removed queues drain (queue.start answers QUEUE_CLOSED, waiting lobbies
   * go idle with `queue_closed`). A bad file is logged and changes nothing.
   */
  reloadQueues(): Promise<QueueReload>;
  close(): Promise<void>;
}

/**
 * A Coral process minus the environment: `server.ts` reads the environment
 * and calls this; tests build several in one process or spawn `server.ts`.
 * Nothing listens until `listen`.
 */
export function buildCoral(options: BuildCoralOptions): Coral {
  const { config } = options;
  const log = options.log ?? pino({ name: 'coral', base: { coral: config.coralId } });
  // MODES unset: this Coral serves every queue of the file, including ones a reload adds.
  const servesAll = config.modes.length === config.queues.ids.length && config.queues.ids.every((id) => config.modes.includes(id));
  // The commands of one event-loop turn share one socket write, which under load saves more
  // CPU than anything else; each is sent on its own, never held behind an earlier batch's
  // replies (coral-perf-009).
  const redis = createRedis(config.redisUrl, { coalesceWrites: true });
  redis.on('error', (error: unknown) => log.debug({ err: error }, 'redis connection error'));
  const metrics = createCoralMetrics(config.coralId);
  const signer = createTicketSigner(config.ticketPrivateKeyPem, config.ticketTtlMs);
  const games = createGameCreator({
    redis,
    config,
    metrics,
    log,
    fleet:
      options.fleet ??
      redisFleet(
        redis,
        { fleetKey: config.fleetKey, ...(config.fleetControlCaPem ? { caPem: config.fleetControlCaPem } : {}) },
        (mode) => config.queues.get(mode)?.maxGameMs,
        // Called once games are created, after `play` exists: held players' names cost no read.
        (ids) => play.names.of(ids),
      ),
  });
  const loopDelay = new LoopDelay();
  const play = new PlayService({
    loopDelay,
    redis,
    config,
    metrics,
    log,
    signer,
    createGame: (mode: QueueModeId, prematchId: string) => games.create(mode, prematchId),
  });
  registerEntriesWaitingGauge(metrics, () => play.entries.queued);
  const sockets = createSocketServer({
    redis,
    config,
    metrics,
    log,
    hooks: {
      onReady: (conn) => play.onReady(conn),
      onClosed: (conn) => play.onClosed(conn),
      onRequest: (conn, request) => play.onRequest(conn, request),
    },
  });
  let closing = false;
  // The fleet's liveness (heartbeats, the sweep) has a connection of its own: a heartbeat goes
  // out at once, and Redis never queues it behind a turn's worth of player commands.
  const livenessRedis = createRedis(config.redisUrl);
  livenessRedis.on('error', (error: unknown) => log.debug({ err: error }, 'redis (fleet liveness) connection error'));
  const fleet = mountFleet({
    redis,
    livenessRedis,
    config,
    log,
    onGameEnded: async (gameId, result, reason) => {
      await endGame(redis, { gameId, result, reason });
    },
  });
  const healthy = async () =>
    !closing &&
    (await redis.ping().then(
      () => true,
      () => false,
    ));
  // Slow-header and slow-body clients are cut rather than holding sockets (issue #12, item 11); Node
  // checks those deadlines every connectionsCheckingInterval (30 s by default, too coarse).
  const limits = { headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 };
  // A full Coral is healthy (it answers and serves the players it holds); `full` tells the load balancer's checks and operators.
  const healthInfo = () => ({ sockets: sockets.heldCount, socketCap: config.maxPlayerSockets, full: sockets.heldCount >= config.maxPlayerSockets });
  registerSocketGauges(metrics, config.maxPlayerSockets);
  const server = createServer(limits, createHttpHandler({ coralId: config.coralId, healthy, healthInfo }));
  const internalServer = createServer(
    limits,
    createHttpHandler({ coralId: config.coralId, healthy, healthInfo, metricsRegistry: metrics.registry, fleet: fleet.api }),
  );
  server.on('upgrade', (req, socket, head) => {
    if (closing) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head);
  });

  let subscriber: QueueEventSubscriber | undefined;
  let matchmaking: Matchmaking | undefined;

  return {
    config,
    server,
    internalServer,
    redis,
    metrics,
    play,
    internalAddress: () => (internalServer.listening ? (internalServer.address() as AddressInfo) : undefined),
    async listen(port, host = '127.0.0.1') {
      subscriber = await subscribeQueueEvents({
        redis,
        modes: servedSlots(config),
        log,
        onEvent: (event) => play.onEvent(event),
        relevant: (raw) => play.holdsAnyIn(raw),
        onAny: (mode, raw) => matchmaking?.onQueueEvent(mode, raw),
        onReconnect: () => void play.reconcileAll('pubsub_reconnect').catch((error: unknown) => log.warn({ err: error }, 'reconcile failed')),
      });
      await play.refreshStats().catch(() => undefined);
      loopDelay.start();
      play.start();
      fleet.start();
      if (options.matchmaking !== false) {
        const deps = { config, log, metrics, createGame: (mode: QueueModeId, pm: string) => games.create(mode, pm) };
        matchmaking = options.matchmakerIn === 'thread' ? startMatchmakerThread(deps) : startInlineMatchmaking(deps);
      }
      await listenOn(internalServer, config.internalPort, config.internalHost);
      await listenOn(server, port, host);
      return server.address() as AddressInfo;
    },
    async reloadQueues() {
      const r = reloadQueueConfig(config, servesAll);
      if (!r.ok) {
        log.error(`queue configuration reload refused, keeping the current queues: ${r.error}`);
        return r;
      }
      await subscriber?.add(r.openedSlots);
      matchmaking?.applyQueues(r.open, r.closed);
      log.info({ queues: config.queues.ids, opened: r.opened, closed: r.closed }, 'queue configuration reloaded');
      return r;
    },
    async close() {
      closing = true;
      loopDelay.stop();
      play.stop();
      games.stop();
      fleet.stop();
      await matchmaking?.stop();
      await sockets.close();
      internalServer.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        new Promise<void>((resolve) => (internalServer.listening ? internalServer.close(() => resolve()) : resolve())),
      ]);
      await subscriber?.close();
      await closeRedis(redis);
      await closeRedis(livenessRedis);
    },
  };
}

function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
