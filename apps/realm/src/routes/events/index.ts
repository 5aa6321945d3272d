/**
 * GET /v1/events: the event socket. Authenticated at the upgrade (see
 * events/socket-auth.ts); the first message must be `hello` with the protocol
 * version within HELLO_TIMEOUT_MS; then `snapshot`, pushes, ping/pong.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { RawData } from 'ws';
import {
  closeCodeOf,
  createMessageDecoder,
  GlaceonError,
  PROTOCOL_VERSION,
  REALM_CLIENT_MESSAGES,
  REALM_EVENTS_PATH,
  assertNever,
  type ErrorCode,
} from '@glaceon/protocol';
import { socketToken } from '../../events/socket-auth.js';
import { authenticateWith } from '../../plugins/auth.js';
import type { Connection } from '../../events/hub.js';

const decodeClientMessage = createMessageDecoder([...REALM_CLIENT_MESSAGES]);
const MAX_FRAME_CHARS = 4096;
/** Refused frames in a row before the socket is closed (RATE_LIMITED). */
const MAX_FLOODS = 100;

const eventRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    REALM_EVENTS_PATH,
    {
      websocket: true,
      // Before the upgrade completes: without a live session the answer is HTTP 401 and no socket opens.
      preValidation: (request) => authenticateWith(request, socketToken(request)),
    },
    (socket, request) => {
      const conn: Connection = app.hub.newConnection(request.session, socket);
      let greeted = false;
      const fail = (code: ErrorCode, message: string | undefined, id: string | undefined, close: boolean) => {
        const body = new GlaceonError(code, message).toBody();
        app.hub.send(conn, id === undefined ? { type: 'error', ...body } : { type: 'error', id, ...body });
        if (close) socket.close(closeCodeOf(code), code);
      };
      const helloTimer = setTimeout(() => fail('INVALID_MESSAGE', 'Send hello first.', undefined, true), app.config.helloTimeoutMs);

      socket.on('error', (error) => request.log.debug({ err: error }, 'event socket error'));
      socket.on('pong', () => {
        conn.alive = true;
      });
      socket.on('close', () => {
        clearTimeout(helloTimer);
        if (greeted) void app.hub.remove(conn).catch((error: unknown) => request.log.warn({ err: error }, 'event socket cleanup failed'));
      });
      socket.on('message', (data: RawData, isBinary: boolean) => {
        // Frames already read after we decided to close are not worth a thought.
        if (socket.readyState !== socket.OPEN) return;
        // Liveness is not set here: only pongs prove the client reads (hub tick).
        if (!conn.bucket.take()) {
          // Told once per run of refusals; a client that keeps flooding is cut,
          // so refusals cannot themselves pile up in its send queue.
          if (++conn.floods > MAX_FLOODS) {
            app.metrics.dropped.inc({ reason: 'flood' });
            fail('RATE_LIMITED', 'Too many messages.', undefined, true);
          } else if (conn.floods === 1) {
            fail('RATE_LIMITED', 'Too many messages; slow down.', undefined, false);
          }
          return;
        }
        conn.floods = 0;
        const text = isBinary ? '' : data.toString();
        const decoded = decodeClientMessage.decodeText(text, MAX_FRAME_CHARS);
        if (!decoded.ok) {
          fail(decoded.error.code, decoded.error.message, decoded.error.id, !greeted);
          return;
        }
        const message = decoded.value;
        if (!greeted && message.type !== 'hello') {
          fail('INVALID_MESSAGE', 'Send hello first.', message.id, true);
          return;
        }
        switch (message.type) {
          case 'hello':
            if (greeted) {
              fail('WRONG_STATE', 'Already greeted.', message.id, false);
              return;
            }
            if (message.version !== PROTOCOL_VERSION) {
              fail('INCOMPATIBLE_VERSION', `This server speaks protocol ${PROTOCOL_VERSION}.`, message.id, true);
              return;
            }
            greeted = true;
            clearTimeout(helloTimer);
            void app.hub.add(conn, message.id).catch((error: unknown) => {
              request.log.error({ err: error }, 'event socket setup failed');
              socket.close(closeCodeOf('UNAVAILABLE'), 'UNAVAILABLE');
            });
            return;
          case 'ping':
            app.hub.send(conn, message.id === undefined ? { type: 'pong', at: Date.now() } : { type: 'pong', id: message.id, at: Date.now() });
            return;
          case 'resync':
            void app.hub.requestResync(conn, message.id).catch((error: unknown) => request.log.warn({ err: error }, 'resync failed'));
            return;
          default:
            assertNever(message, 'client message');
        }
      });
    },
  );
};

export default eventRoutes;
