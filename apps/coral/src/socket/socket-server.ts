import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { CORAL_PLAY_PATH, ErrorCode, GlaceonError, closeCodeOf, PROTOCOL_VERSION, coralClientDecoder, type CoralRequest } from '@glaceon/protocol';
import { resolveSession, type RedisClient } from '@glaceon/store';
import type { CoralConfig } from '../config/config.js';
import type { CoralMetrics } from '../metrics/metrics.js';
import { chooseProtocol, tokenOfUpgrade } from './auth.js';
import { PlayerConnection } from './connection.js';
import { createLivenessCheck, heartbeatCheckMs } from './heartbeat.js';
import { createRevocationWatch } from './revocation.js';

export interface SocketHooks {
  /** After a successful handshake (the welcome is already sent). */
  onReady(conn: PlayerConnection): void;
  onClosed(conn: PlayerConnection): void;
  /** Serve one request; throw GlaceonError for a typed refusal. Replies (`ack`) are sent here. */
  onRequest(conn: PlayerConnection, request: CoralRequest): Promise<void>;
}

export interface SocketServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly connectionCount: number;
  /** Sockets held plus upgrades in progress: what the cap (config.maxPlayerSockets) counts. */
  readonly heldCount: number;
  /** Close every socket (1001 going away) and stop the heartbeat. */
  close(): Promise<void>;
}

/** Refuse an upgrade with a plain HTTP status: the socket never opens. */
function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

/**
 * The player socket at /v1/play: auth at the upgrade, the version handshake,
 * heartbeat, frame limits, rate limit and slow-consumer protection. What the
 * requests do is the hooks' business.
 */
export function createSocketServer(deps: { redis: RedisClient; config: CoralConfig; metrics: CoralMetrics; log: Logger; hooks: SocketHooks }): SocketServer {
  const { redis, config, metrics, log, hooks } = deps;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxPayloadBytes,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: chooseProtocol,
  });
  const connections = new Set<PlayerConnection>();
  /** Upgrades whose session lookup is in flight: they hold a descriptor too. */
  let upgrading = 0;
  const revocations = createRevocationWatch(redis, log, config.sessionRecheckMs);

  const checkLiveness = createLivenessCheck(config.heartbeatMs, metrics);
  const heartbeat = setInterval(() => checkLiveness(connections), heartbeatCheckMs(config.heartbeatMs));
  heartbeat.unref();

  function attach(ws: WebSocket, session: { playerId: string; name: string }): void {
    const conn = new PlayerConnection(ws, session.playerId, session.name, config, () => metrics.droppedPeers.inc({ reason: 'slow_consumer' }));
    connections.add(conn);
    metrics.connections.inc();
    const helloTimer = setTimeout(() => {
      if (!conn.handshaken) conn.fail('WRONG_STATE', 'No hello in time.');
    }, config.helloTimeoutMs);
    helloTimer.unref();

    ws.on('pong', () => conn.heard());
    ws.on('error', (error) => log.debug({ err: error, player: conn.playerId }, 'socket error'));
    ws.on('close', () => {
      clearTimeout(helloTimer);
      conn.closed = true;
      connections.delete(conn);
      metrics.connections.dec();
      if (conn.handshaken) hooks.onClosed(conn);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // Any frame proves the peer is alive, as a pong would: a socket that speaks is never pinged.
      conn.heard();
      if (!conn.bucket.take()) {
        metrics.frameErrors.inc({ code: 'RATE_LIMITED' });
        // A client that keeps flooding after being told is not going to stop.
        if (++conn.floods > 100) {
          metrics.droppedPeers.inc({ reason: 'flood' });
          conn.fail('RATE_LIMITED');
          return;
        }
        conn.sendError('RATE_LIMITED');
        return;
      }
      conn.floods = 0;
      if (isBinary) {
        metrics.frameErrors.inc({ code: 'INVALID_MESSAGE' });
        conn.sendError('INVALID_MESSAGE', 'Binary frames are not accepted; send JSON text.');
        return;
      }
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      const decoded = coralClientDecoder.decodeText(text, config.maxMessageChars);
      if (!decoded.ok) {
        metrics.frameErrors.inc({ code: decoded.error.code });
        conn.sendError(decoded.error.code, decoded.error.message, decoded.error.id, decoded.error.path);
        return;
      }
      const message = decoded.value;
      if (message.type === 'hello') {
        if (conn.handshaken) {
          conn.sendError('WRONG_STATE', 'Already said hello.', message.id);
          return;
        }
        if (message.version !== PROTOCOL_VERSION) {
          metrics.frameErrors.inc({ code: 'INCOMPATIBLE_VERSION' });
          conn.fail('INCOMPATIBLE_VERSION', `This Coral speaks protocol version ${PROTOCOL_VERSION}, not ${message.version}.`, message.id);
          return;
        }
        conn.handshaken = true;
        clearTimeout(helloTimer);
        conn.send({
          type: 'welcome',
          ...(message.id !== undefined ? { id: message.id } : {}),
          version: PROTOCOL_VERSION,
          playerId: conn.playerId,
          coralId: config.coralId,
          heartbeatMs: config.heartbeatMs,
        });
        hooks.onReady(conn);
        return;
      }
      if (message.type === 'ping') {
        conn.send({ type: 'pong', id: message.id, serverTime: Date.now() });
        return;
      }
      if (!conn.handshaken) {
        metrics.frameErrors.inc({ code: 'WRONG_STATE' });
        conn.sendError('WRONG_STATE', 'Send hello with the protocol version first.', message.id);
        return;
      }
      hooks.onRequest(conn, message).catch((error: unknown) => {
        if (error instanceof GlaceonError) {
          metrics.frameErrors.inc({ code: error.code });
          conn.sendError(error.code, error.message, message.id, error.path);
        } else {
          log.error({ err: error, type: message.type, player: conn.playerId }, 'request failed');
          conn.sendError('INTERNAL', undefined, message.id);
        }
      });
    });
  }

  /**
   * Full: open the socket only to say so (browsers cannot read an HTTP status of a refused
   * upgrade, but they do read a close code), then drop it. No Redis call, no session
   * lookup: a refusal costs a moment of one descriptor from the headroom.
   */
  function refuseFull(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    metrics.droppedPeers.inc({ reason: 'full' });
    wss.handleUpgrade(req, socket, head, (ws) => {
      const message = ErrorCode.INSTANCE_FULL.message;
      ws.send(JSON.stringify({ type: 'error', code: 'INSTANCE_FULL', message }));
      ws.close(closeCodeOf('INSTANCE_FULL'), 'Coral full; reconnect through the load balancer');
      // Do not wait the close handshake out (ws waits 30 s): the descriptor is wanted back.
      setTimeout(() => ws.terminate(), 1000).unref();
    });
  }

  return {
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? '').split('?')[0];
      if (path !== CORAL_PLAY_PATH) {
        refuse(socket, 404, 'Not Found');
        return;
      }
      socket.on('error', () => undefined);
      if (connections.size + upgrading >= config.maxPlayerSockets) {
        refuseFull(req, socket, head);
        return;
      }
      const token = tokenOfUpgrade(req);
      if (!token) {
        metrics.droppedPeers.inc({ reason: 'unauthenticated' });
        refuse(socket, 401, 'Unauthorized');
        return;
      }
      upgrading++;
      resolveSession(redis, token).then(
        (session) => {
          upgrading--;
          if (!session) {
            metrics.droppedPeers.inc({ reason: 'unauthenticated' });
            refuse(socket, 401, 'Unauthorized');
            return;
          }
          if (socket.destroyed) return;
          wss.handleUpgrade(req, socket, head, (ws) => {
            revocations.track(ws, session.tokenHash);
            attach(ws, session);
          });
        },
        (error: unknown) => {
          upgrading--;
          log.warn({ err: error }, 'session lookup failed at upgrade');
          refuse(socket, 503, 'Service Unavailable');
        },
      );
    },
    get connectionCount() {
      return connections.size;
    },
    get heldCount() {
      return connections.size + upgrading;
    },
    async close() {
      clearInterval(heartbeat);
      await revocations.close();
      for (const conn of connections) {
        conn.closed = true;
        conn.ws.close(1001, 'Coral shutting down');
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
