import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  FLEET_DEFAULT_HEARTBEAT_MS,
  FLEET_DEFAULT_TTL_MS,
  fleetDecoders,
  GlaceonError,
  isId,
  type FleetLeaveResponse,
  type FleetRegisterResponse,
  type FleetReport,
  type FleetReportAck,
  type FleetServerList,
} from '@glaceon/protocol';
import { endFleetGame, heartbeatServer, leaveFleet, listFleetServers, recordPlayerEvent, type HistoryRetention, type RedisClient } from '@glaceon/store';
import type { FleetHooks, FleetLog } from './hooks.js';
import { bearerMatches, readBody, sendError, sendJson } from './http.js';
import { deliverGameEnding } from './settle.js';

export interface FleetApiOptions {
  redis: RedisClient;
  /** Shared secret of the fleet (Moonstone <-> Coral, both ways). */
  fleetKey: string;
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

const SERVER_PATH = /^\/v1\/fleet\/servers\/([^/]+)$/;
const EVENTS_PATH = /^\/v1\/fleet\/games\/([^/]+)\/events$/;

/**
 * The fleet HTTP API (plain node:http so Coral mounts it in its own server):
 *   PUT    /v1/fleet/servers/:serverId        register / heartbeat
 *   DELETE /v1/fleet/servers/:serverId        leave
 *   GET    /v1/fleet/servers                  fleet health
 *   POST   /v1/fleet/games/:gameId/events     reports
 * Every route needs `Authorization: Bearer <FLEET_KEY>`; every body is decoded
 * with the protocol's decoders; errors are typed `{ code, message, path? }`.
 */
export function createFleetApi(options: FleetApiOptions): FleetApi {
  const { redis, fleetKey, log, hooks } = options;
  const heartbeatMs = options.heartbeatMs ?? FLEET_DEFAULT_HEARTBEAT_MS;
  const ttlMs = options.ttlMs ?? FLEET_DEFAULT_TTL_MS;
  if (ttlMs <= heartbeatMs) throw new Error('The fleet TTL must be longer than the heartbeat interval.');
  if (fleetKey.length < 16) throw new Error('FLEET_KEY must be at least 16 characters.');
  const publicKey = typeof options.ticketPublicKeyPem === 'function' ? options.ticketPublicKeyPem : () => options.ticketPublicKeyPem as string;

  const deliverLater = (gameIds: string[]) => {
    for (const gameId of gameIds) void deliverGameEnding(redis, gameId, hooks, log, options.retention);
  };

  async function heartbeat(req: IncomingMessage, res: ServerResponse, serverId: string): Promise<void> {
    const body = fleetDecoders.registerRequest.decodeText(await readBody(req));
    if (!body.ok) return sendError(res, body.error.code, body.error.message, body.error.path);
    const beat = await heartbeatServer(redis, serverId, body.value, { ttlMs });
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

  async function report(req: IncomingMessage, res: ServerResponse, gameId: string): Promise<void> {
    const decoded = fleetDecoders.report.decodeText(await readBody(req));
    if (!decoded.ok) return sendError(res, decoded.error.code, decoded.error.message, decoded.error.path);
    const r: FleetReport = decoded.value;
    let answer: FleetReportAck;
    if (r.type === 'game.ended') {
      const ended = await endFleetGame(redis, {
        gameId,
        serverId: r.serverId,
        reason: r.reason,
        ...(r.winningTeam === undefined ? {} : { winningTeam: r.winningTeam }),
      });
      // Delivered before answering, so a server's report is acknowledged once Coral acted on it.
      if (ended.ended) await deliverGameEnding(redis, gameId, hooks, log, options.retention);
      answer = { gameId, state: 'ended', duplicate: !ended.ended };
    } else {
      const kind = r.type === 'player.connected' ? 'connected' : r.type === 'player.noshow' ? 'noshow' : 'left';
      const recorded = await recordPlayerEvent(redis, { gameId, serverId: r.serverId, playerId: r.playerId, kind });
      if (recorded.changed && hooks.onPlayerEvent) {
        await hooks.onPlayerEvent({ gameId, playerId: r.playerId, kind }).catch((error: unknown) => {
          log.error({ gameId, kind, err: error }, 'fleet onPlayerEvent hook failed');
        });
      }
      answer = { gameId, state: recorded.state, duplicate: !recorded.changed };
    }
    sendJson(res, 200, answer);
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!bearerMatches(req, fleetKey)) return sendError(res, 'UNAUTHENTICATED', 'A valid fleet key is required (Authorization: Bearer <FLEET_KEY>).');
    const server = SERVER_PATH.exec(path);
    if (server) {
      const serverId = decodeURIComponent(server[1] ?? '');
      if (!isId('ms_', serverId)) return sendError(res, 'INVALID_MESSAGE', 'The server id must look like ms_<letters, digits, _ or ->.', '/serverId');
      if (req.method === 'PUT') return heartbeat(req, res, serverId);
      if (req.method === 'DELETE') return leave(res, serverId);
    }
    if (path === '/v1/fleet/servers' && req.method === 'GET') return list(res);
    const events = EVENTS_PATH.exec(path);
    if (events && req.method === 'POST') {
      const gameId = decodeURIComponent(events[1] ?? '');
      if (!isId('g_', gameId)) return sendError(res, 'INVALID_MESSAGE', 'The game id must look like g_<letters, digits, _ or ->.', '/gameId');
      return report(req, res, gameId);
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
