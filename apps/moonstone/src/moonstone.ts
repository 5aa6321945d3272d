import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatHostPort, type FleetAllocation, type FleetRegisterRequest, type FleetRegisterResponse } from '@glaceon/protocol';
import type { MoonstoneConfig } from './config/config.js';
import { createControlServer } from './control/control-server.js';
import { Heartbeat } from './fleet/heartbeat.js';
import type { Log } from './fleet/log.js';
import { Reporter } from './fleet/reporter.js';
import { GameSession } from './games/session.js';
import { attachPlayerServer } from './players/player-server.js';
import { TicketGate } from './tickets/ticket-gate.js';

/** Ended game ids are remembered this long so a heartbeat answer sent before Coral saw the end does not restart them. */
const REMEMBER_ENDED_MS = 10 * 60_000;

export interface RunningMoonstone {
  serverId: string;
  address: string;
  controlUrl: string;
  port: number;
  controlPort: number;
  /** Graceful stop: take no new games, let running ones finish (up to drainTimeoutMs), report, leave, close. */
  drain(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** The reference Moonstone server: fleet membership, control API, Onyx game connections. */
export async function startMoonstone(config: MoonstoneConfig, log: Log): Promise<RunningMoonstone> {
  const instanceId = randomBytes(12).toString('base64url');
  const sessions = new Map<string, GameSession>();
  const ended = new Map<string, number>();
  let publicKeyPem: string | undefined;
  let draining = false;
  let registered = false;

  const reporter = new Reporter(config.coralFleetUrl, config.serverId, config.serverKey, log);
  const gate = new TicketGate(config.serverId, () => publicKeyPem);

  function allocate(allocation: FleetAllocation): boolean {
    const now = Date.now();
    // Oldest first (a game ends once, so insertion order is end order): stop at the first one kept.
    // A sweep of the whole map on every allocation was quadratic in the games of the last 10 min.
    for (const [id, at] of ended) {
      if (now - at <= REMEMBER_ENDED_MS) break;
      ended.delete(id);
    }
    if (sessions.has(allocation.gameId) || ended.has(allocation.gameId)) return false;
    const session = new GameSession(
      allocation,
      { serverId: config.serverId, gameLengthMs: config.gameLengthMs, noShowTimeoutMs: config.noShowTimeoutMs },
      {
        report: (r) => reporter.report(allocation.gameId, r),
        over: (s, result) => {
          sessions.delete(s.gameId);
          ended.set(s.gameId, Date.now());
          gate.forgetGame(s.gameId);
          log.info({ gameId: s.gameId, reason: result.reason, winningTeam: result.winningTeam }, 'game over');
        },
      },
    );
    sessions.set(allocation.gameId, session);
    log.info({ gameId: allocation.gameId, mode: allocation.mode, players: allocation.roster.length }, 'game allocated');
    return true;
  }

  function reconcile(answer: FleetRegisterResponse, sentAt: number): void {
    publicKeyPem = answer.ticketPublicKeyPem;
    registered = true;
    const listed = new Set(answer.games.map((g) => g.gameId));
    for (const game of answer.games) if (game.serverId === config.serverId) allocate(game);
    for (const session of [...sessions.values()]) {
      // Known before this heartbeat left, yet not listed: Coral ended it (we were dropped, or restarted). Tell the players.
      if (session.receivedAt < sentAt && !listed.has(session.gameId)) {
        log.warn({ gameId: session.gameId }, 'game no longer allocated here (server lost its fleet slot); ending it');
        session.endLocally();
      }
    }
  }

  const playerHttp = http.createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 }, (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only.\n');
  });
  // One fleet check at a time, shared by every player waiting for an allocation that has not arrived.
  let allocationCheck: Promise<void> | undefined;
  async function awaitAllocation(gameId: string, timeoutMs: number): Promise<boolean> {
    if (ended.has(gameId) || draining) return false;
    const deadline = Date.now() + timeoutMs;
    allocationCheck ??= heartbeat.beatNow().finally(() => (allocationCheck = undefined));
    await allocationCheck.catch(() => {});
    while (!sessions.has(gameId) && Date.now() < deadline && !ended.has(gameId)) await new Promise((r) => setTimeout(r, 25));
    return sessions.has(gameId);
  }
  attachPlayerServer(playerHttp, { gate, game: (id) => sessions.get(id), awaitAllocation, log });
  const port = await listen(playerHttp, config.port, config.bindHost);
  const control = createControlServer({
    serverId: config.serverId,
    serverKey: config.serverKey,
    // Coral is the authority on capacity and draining: a push it made is honoured even while draining.
    allocate,
    release: ({ gameId, playerIds }) => {
      const session = sessions.get(gameId);
      if (!session) return 'no_game';
      const released = session.release(playerIds);
      if (released.ok) {
        log.info({ gameId, players: playerIds.length }, 'players released (left the game for good)');
        return 'ack';
      }
      return released.why === 'connected' ? 'connected' : released.why === 'unknown' ? 'unknown' : 'no_game';
    },
    health: () => ({ serverId: config.serverId, registered, draining, capacity: config.capacity, games: sessions.size }),
  });
  const controlPort = await listen(control, config.controlPort, config.bindHost);
  const address = config.publicAddress ?? formatHostPort(config.bindHost, port);
  const controlUrl = config.controlUrl ?? `http://${formatHostPort(config.bindHost, controlPort)}`;

  const registration = (): FleetRegisterRequest => ({
    address,
    controlUrl,
    region: config.region,
    capacity: config.capacity,
    version: config.version,
    instanceId,
    draining,
  });
  const heartbeat = new Heartbeat({
    coralFleetUrl: config.coralFleetUrl,
    serverKey: config.serverKey,
    serverId: config.serverId,
    registration,
    onAnswer: reconcile,
    log,
  });
  heartbeat.start();

  let drained: Promise<void> | undefined;
  async function drain(): Promise<void> {
    draining = true;
    log.info({ games: sessions.size }, 'draining');
    await heartbeat.beatNow(); // Coral stops allocating here now, not a heartbeat later
    const deadline = Date.now() + config.drainTimeoutMs;
    while (sessions.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const session of [...sessions.values()]) session.endLocally();
    await heartbeat.stop();
    await reporter.flush(3000); // results reach Coral before we leave, so they count as completed, not lost
    reporter.stop();
    await heartbeat.leave();
    await Promise.all([
      new Promise((r) => control.close(r)),
      new Promise((r) => {
        playerHttp.closeAllConnections();
        playerHttp.close(r);
      }),
    ]);
  }

  return {
    serverId: config.serverId,
    address,
    controlUrl,
    port,
    controlPort,
    drain: () => (drained ??= drain()),
  };
}
