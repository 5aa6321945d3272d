import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  FLEET_DEFAULT_HEARTBEAT_MS,
  FLEET_DEFAULT_TTL_MS,
  errorBody,
  FLEET_SERVER_HEADER,
  fleetDecoders,
  GlaceonError,
  isId,
  type FleetLeaveResponse,
  type FleetRegisterResponse,
  type FleetReport,
  type FleetSingleReport,
  type ErrorCode,
  type FleetReportAck,
  type FleetGamesReportAnswer,
  type ProtocolErrorBody,
  type FleetServerList,
} from '@glaceon/protocol';
import { fleetServerKey, secretEquals } from '@glaceon/protocol/node';
import { endFleetGame, heartbeatServer, leaveFleet, listFleetServers, recordPlayerEvent, type HistoryRetention, type RedisClient } from '@glaceon/store';
import type { FleetHooks, FleetLog } from './hooks.js';
import { bearerMatches, readBody, sendError, sendJson } from './http.js';
import { deliverGameEnding } from './settle.js';

export interface FleetApiOptions {
  redis: RedisClient;
  /**
   * Heartbeats (and leaves) run on this connection (default `redis`): liveness never waits
   * in a pipeline behind a burst of reports or player commands.
   */
  livenessRedis?: RedisClient;
  /** This Coral's id, recorded with each heartbeat it receives (the sweep judges by its stalls). */
  coralId?: string;
  /** The fleet secret: each server's credential is derived from it (fleetServerKey); operators use it for GET /v1/fleet/servers. */
  fleetKey: string;
  /** Hosts a controlUrl may name besides loopback and the server's own address host. */
  controlHosts?: readonly string[];
  /** Ed25519 public key (SPKI PEM) handed to servers to verify join tickets; a function to allow rotation. */
  ticketPublicKeyPem: string | (() => string);
  log: FleetLog;
  hooks: FleetHooks;
  heartbeatMs?: number;
  ttlMs?: number;
  /** Match history bounds (store defaults when absent). */
  retention?: HistoryRetention;
}

export interface FleetApi {
  /** true when the request was a /v1/fleet path (answered); false: not ours, the caller routes it. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];
const normalizeHost = (host: string) => host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
/** The host part of a `host:port` address (IPv6 in brackets). */
const hostOfAddress = (address: string) => address.slice(0, address.lastIndexOf(':'));

/** One game's reports answered: what the per-game route sends (an ack, or a typed error). */
interface GameReportsAnswer {
  status: number;
  body: FleetReportAck | ProtocolErrorBody;
}

/** 64 games of 32 reports with the longest ids fit (a typical batch is a few KiB). */
const MAX_GAMES_REPORT_BYTES = 512 * 1024;

const SERVER_PATH = /^\/v1\/fleet\/servers\/([^/]+)$/;
const EVENTS_PATH = /^\/v1\/fleet\/games\/([^/]+)\/events$/;

/**
 * The fleet HTTP API (plain node:http so Coral mounts it in its own server):
 *   PUT    /v1/fleet/servers/:serverId        register / heartbeat
 *   DELETE /v1/fleet/servers/:serverId        leave
 *   GET    /v1/fleet/servers                  fleet health
 *   POST   /v1/fleet/games/:gameId/events     reports
 *   POST   /v1/fleet/reports                  several games' reports (coral-perf-011)
 * A server authenticates with its own credential, bound to its id
 * (`X-Glaceon-Server: <serverId>`, `Authorization: Bearer <fleetServerKey(FLEET_KEY, serverId)>`)
 * and may only speak for that id: its own registration, its own games' reports.
 * The operator's list takes the fleet secret itself. Every body is decoded with the
 * protocol's decoders; errors are typed `{ code, message, path? }`.
 */
export function createFleetApi(options: FleetApiOptions): FleetApi {
  const { redis, fleetKey, log, hooks } = options;
  const heartbeatMs = options.heartbeatMs ?? FLEET_DEFAULT_HEARTBEAT_MS;
  const ttlMs = options.ttlMs ?? FLEET_DEFAULT_TTL_MS;
  if (ttlMs <= heartbeatMs) throw new Error('The fleet TTL must be longer than the heartbeat interval.');
  if (fleetKey.length < 16) throw new Error('FLEET_KEY must be at least 16 characters.');
  const controlHosts = new Set([...LOOPBACK_HOSTS, ...(options.controlHosts ?? [])].map(normalizeHost));
  // Derived once per server id (an HMAC each time would be cheap too; this keeps heartbeats allocation-free).
  const credentials = new Map<string, string>();
  const credentialOf = (serverId: string) => {
    let key = credentials.get(serverId);
    if (key === undefined) {
      key = fleetServerKey(fleetKey, serverId);
      if (credentials.size >= 100_000) credentials.clear();
      credentials.set(serverId, key);
    }
    return key;
  };
  const publicKey = typeof options.ticketPublicKeyPem === 'function' ? options.ticketPublicKeyPem : () => options.ticketPublicKeyPem as string;

  const deliverLater = (gameIds: string[]) => {
    for (const gameId of gameIds) void deliverGameEnding(redis, gameId, hooks, log, options.retention);
  };

  async function heartbeat(req: IncomingMessage, res: ServerResponse, serverId: string): Promise<void> {
    const body = fleetDecoders.registerRequest.decodeText(await readBody(req));
    if (!body.ok) return sendError(res, body.error.code, body.error.message, body.error.path);
    const controlHost = normalizeHost(new URL(body.value.controlUrl).hostname);
    if (!controlHosts.has(controlHost) && controlHost !== normalizeHost(hostOfAddress(body.value.address))) {
      log.warn({ serverId, controlHost }, 'fleet registration refused: controlUrl host not allowed');
      return sendError(res, 'FORBIDDEN', 'The controlUrl host is not allowed (loopback, your address host, or FLEET_CONTROL_HOSTS).', '/controlUrl');
    }
    const beat = await heartbeatServer(options.livenessRedis ?? redis, serverId, body.value, {
      ttlMs,
      ...(options.coralId ? { via: options.coralId } : {}),
    });
    if (beat.endedGameIds.length > 0) {
      log.warn({ serverId, games: beat.endedGameIds }, 'fleet server restarted; its previous games are lost');
      deliverLater(beat.endedGameIds);
    }
    const answer: FleetRegisterResponse = { serverId, heartbeatMs, ttlMs, ticketPublicKeyPem: publicKey(), serverTime: beat.now, games: beat.games };
    sendJson(res, 200, answer);
  }

  async function leave(res: ServerResponse, serverId: string): Promise<void> {
    const left = await leaveFleet(redis, serverId);
    if (left.existed) log.info({ serverId, endedGames: left.endedGameIds.length }, 'fleet server left');
    deliverLater(left.endedGameIds);
    const answer: FleetLeaveResponse = { serverId, left: left.existed, endedGames: left.endedGameIds };
    sendJson(res, 200, answer);
  }

  async function list(res: ServerResponse): Promise<void> {
    const servers = await listFleetServers(redis);
    const answer: FleetServerList = {
      servers: servers.map(({ serverId, address, region, capacity, load, draining, version, heartbeatDeadline }) => ({
        serverId,
        address,
        region,
        capacity,
        load,
        draining,
        version,
        heartbeatDeadline,
      })),
    };
    sendJson(res, 200, answer);
  }

  /** One report, acted on; a refusal is returned (not sent) so a batch can go on with the next. */
  async function applyReport(
    r: FleetSingleReport,
    gameId: string,
    caller: string,
  ): Promise<{ ok: true; answer: FleetReportAck } | { ok: false; code: ErrorCode; message: string; path: string }> {
    if (r.serverId !== caller) return { ok: false, code: 'FORBIDDEN', message: 'A server may only report as itself.', path: '/serverId' };
    if (r.type === 'game.ended') {
      const ended = await endFleetGame(redis, {
        gameId,
        serverId: r.serverId,
        reason: r.reason,
        ...(r.winningTeam === undefined ? {} : { winningTeam: r.winningTeam }),
      });
      // Delivered before answering, so a server's report is acknowledged once Coral acted on it.
      if (ended.ended) await deliverGameEnding(redis, gameId, hooks, log, options.retention, ended.record);
      return { ok: true, answer: { gameId, state: 'ended', duplicate: !ended.ended } };
    }
    const kind = r.type === 'player.connected' ? 'connected' : r.type === 'player.noshow' ? 'noshow' : 'left';
    const recorded = await recordPlayerEvent(redis, { gameId, serverId: r.serverId, playerId: r.playerId, kind });
    if (recorded.changed && hooks.onPlayerEvent) {
      await hooks.onPlayerEvent({ gameId, playerId: r.playerId, kind }).catch((error: unknown) => {
        log.error({ gameId, kind, err: error }, 'fleet onPlayerEvent hook failed');
      });
    }
    return { ok: true, answer: { gameId, state: recorded.state, duplicate: !recorded.changed } };
  }

  /** A typed error as the per-game route answers it: its HTTP status and body. */
  const refusalAnswer = (code: ErrorCode, message: string, path?: string): GameReportsAnswer => ({
    status: new GlaceonError(code).status,
    body: errorBody(code, message, path),
  });

  /**
   * One game's reports, each in order as if sent alone; a refused one is skipped and the answer
   * names the first refusal (`/reports/<i>...` when there were several), the others applied
   * (coral-perf-004). Both report routes answer with this.
   */
  async function applyGameReports(gameId: string, reports: readonly FleetSingleReport[], caller: string, batch: boolean): Promise<GameReportsAnswer> {
    let answer: FleetReportAck | undefined;
    let refusal: GameReportsAnswer | undefined;
    for (const [i, item] of reports.entries()) {
      const one = await applyReport(item, gameId, caller);
      if (one.ok) answer = one.answer;
      else refusal ??= refusalAnswer(one.code, one.message, batch ? `/reports/${i}${one.path}` : one.path);
    }
    return refusal ?? { status: 200, body: answer! };
  }

  async function report(req: IncomingMessage, res: ServerResponse, gameId: string, caller: string): Promise<void> {
    const decoded = fleetDecoders.report.decodeText(await readBody(req));
    if (!decoded.ok) return sendError(res, decoded.error.code, decoded.error.message, decoded.error.path);
    const r: FleetReport = decoded.value;
    if (r.serverId !== caller) return sendError(res, 'FORBIDDEN', 'A server may only report as itself.', '/serverId');
    const batch = r.type === 'reports';
    const answer = await applyGameReports(gameId, batch ? r.reports : [r], caller, batch);
    sendJson(res, answer.status, answer.body);
  }

  /**
   * Several games' reports in one request (coral-perf-011): each game as the per-game route
   * would answer it, the games side by side (independent of each other). A game named twice,
   * or a body that does not decode, changes nothing.
   */
  async function gamesReport(req: IncomingMessage, res: ServerResponse, caller: string): Promise<void> {
    const decoded = fleetDecoders.gamesReport.decodeText(await readBody(req, MAX_GAMES_REPORT_BYTES), MAX_GAMES_REPORT_BYTES);
    if (!decoded.ok) return sendError(res, decoded.error.code, decoded.error.message, decoded.error.path);
    const { serverId, games } = decoded.value;
    if (serverId !== caller) return sendError(res, 'FORBIDDEN', 'A server may only report as itself.', '/serverId');
    const seen = new Set<string>();
    for (const [i, g] of games.entries()) {
      if (seen.has(g.gameId)) return sendError(res, 'INVALID_MESSAGE', 'A game may appear once per request.', `/games/${i}/gameId`);
      seen.add(g.gameId);
    }
    const results = await Promise.all(
      games.map(async ({ gameId, reports }) => {
        try {
          return { gameId, ...(await applyGameReports(gameId, reports, caller, reports.length > 1)) };
        } catch (error) {
          // One game's failure is that game's answer (the server retries it); the others stand.
          if (error instanceof GlaceonError) return { gameId, ...refusalAnswer(error.code, error.message, error.path) };
          log.error({ err: error, gameId }, 'fleet report failure');
          return { gameId, ...refusalAnswer('INTERNAL', 'Internal error.') };
        }
      }),
    );
    const answer: FleetGamesReportAnswer = { results };
    sendJson(res, 200, answer);
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/v1/fleet/servers' && req.method === 'GET') {
      // Operators only: the list names every server's control URL.
      if (!bearerMatches(req, fleetKey)) return sendError(res, 'UNAUTHENTICATED', 'The fleet list needs the fleet secret (Authorization: Bearer <FLEET_KEY>).');
      return list(res);
    }
    const caller = req.headers[FLEET_SERVER_HEADER];
    const bearer = req.headers.authorization;
    if (
      typeof caller !== 'string' ||
      !isId('ms_', caller) ||
      typeof bearer !== 'string' ||
      !bearer.startsWith('Bearer ') ||
      !secretEquals(bearer.slice('Bearer '.length).trim(), credentialOf(caller))
    ) {
      return sendError(res, 'UNAUTHENTICATED', 'A server credential is required (X-Glaceon-Server: <serverId>, Authorization: Bearer <server key>).');
    }
    const server = SERVER_PATH.exec(path);
    if (server) {
      const serverId = decodeURIComponent(server[1] ?? '');
      if (!isId('ms_', serverId)) return sendError(res, 'INVALID_MESSAGE', 'The server id must look like ms_<letters, digits, _ or ->.', '/serverId');
      if (serverId !== caller) return sendError(res, 'FORBIDDEN', 'A server may only register, heartbeat or leave as itself.', '/serverId');
      if (req.method === 'PUT') return heartbeat(req, res, serverId);
      if (req.method === 'DELETE') return leave(res, serverId);
    }
    if (path === '/v1/fleet/reports' && req.method === 'POST') return gamesReport(req, res, caller);
    const events = EVENTS_PATH.exec(path);
    if (events && req.method === 'POST') {
      const gameId = decodeURIComponent(events[1] ?? '');
      if (!isId('g_', gameId)) return sendError(res, 'INVALID_MESSAGE', 'The game id must look like g_<letters, digits, _ or ->.', '/gameId');
      return report(req, res, gameId, caller);
    }
    return sendError(res, 'NOT_FOUND', `No fleet route ${req.method ?? ''} ${path.slice(0, 100)}.`);
  }

  return {
    async handle(req, res) {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path !== '/v1/fleet' && !path.startsWith('/v1/fleet/')) return false;
      try {
        await route(req, res, path);
      } catch (error) {
        if (res.headersSent) {
          res.destroy();
        } else if (error instanceof GlaceonError) {
          sendError(res, error.code, error.message, error.path);
        } else if (error instanceof URIError) {
          sendError(res, 'INVALID_MESSAGE', 'Bad escape in the path.');
        } else {
          log.error({ err: error, path }, 'fleet API failure');
          sendError(res, 'INTERNAL');
        }
      }
      return true;
    },
  };
}
