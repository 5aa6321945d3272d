import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeCodeOf, errorBody, GAME_MAX_FRAME_CHARS, gameDecoders, PROTOCOL_VERSION, type ErrorCode, type MoonstoneServerMessage } from '@glaceon/protocol';
import type { GameSession, PlayerLink } from '../games/session.js';
import type { TicketGate } from '../tickets/ticket-gate.js';
import type { Log } from '../fleet/log.js';

const HELLO_TIMEOUT_MS = 5000;
const PING_EVERY_MS = 10_000;

/**
 * Onyx connections: WebSocket, JSON text frames. First frame `hello` with the
 * ticket; refusals are an `error` frame then a close with 4000 + HTTP status.
 */
export interface PlayerServerDeps {
  gate: TicketGate;
  game: (gameId: string) => GameSession | undefined;
  /**
   * A ticket can outrun its allocation: Coral sends game.ready to players and
   * pushes the allocation to us at the same time. For a genuinely signed
   * ticket naming a game we do not know yet, ask the fleet now and wait up to
   * `ALLOCATION_WAIT_MS`; resolves true once the game is known here.
   */
  awaitAllocation: (gameId: string, timeoutMs: number) => Promise<boolean>;
  log: Log;
}

const ALLOCATION_WAIT_MS = 5000;

export function attachPlayerServer(server: http.Server, deps: PlayerServerDeps): WebSocketServer {
  const wss = new WebSocketServer({ server, maxPayload: GAME_MAX_FRAME_CHARS * 4 });

  const sendTo = (ws: WebSocket, message: MoonstoneServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const refuse = (ws: WebSocket, code: ErrorCode, message?: string) => {
    const body = errorBody(code, message);
    sendTo(ws, { type: 'error', code: body.code, message: body.message });
    ws.close(closeCodeOf(code), code);
  };

  wss.on('connection', (ws) => {
    let alive = true;
    let joined: { session: GameSession; playerId: string; link: PlayerLink } | undefined;
    const helloTimer = setTimeout(() => refuse(ws, 'INVALID_MESSAGE', `Send hello within ${HELLO_TIMEOUT_MS} ms.`), HELLO_TIMEOUT_MS);
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_EVERY_MS);
    ws.on('pong', () => (alive = true));

    let admitting = false;
    ws.on('message', async (data, isBinary) => {
      if (isBinary) return refuse(ws, 'INVALID_MESSAGE', 'Text frames only.');
      const decoded = gameDecoders.client.decodeText(data.toString(), GAME_MAX_FRAME_CHARS);
      if (!decoded.ok) return refuse(ws, decoded.error.code, decoded.error.message);
      const message = decoded.value;
      if (message.type === 'leave') {
        if (joined) joined.session.disconnect(joined.playerId, joined.link);
        return ws.close(1000, 'left');
      }
      // hello
      if (joined || admitting) return refuse(ws, 'WRONG_STATE', 'Already joined.');
      clearTimeout(helloTimer);
      if (message.protocol !== PROTOCOL_VERSION) return refuse(ws, 'INCOMPATIBLE_VERSION', `This server speaks protocol ${PROTOCOL_VERSION}.`);
      let admitted = deps.gate.admit(message.ticket, message.gameId, deps.game);
      // NOT_FOUND comes only after the signature, server and expiry checked out, for a game not running here.
      if (!admitted.ok && admitted.error.code === 'NOT_FOUND' && deps.game(message.gameId) === undefined) {
        admitting = true;
        const known = await deps.awaitAllocation(message.gameId, ALLOCATION_WAIT_MS);
        admitting = false;
        if (ws.readyState !== ws.OPEN) return;
        if (known) admitted = deps.gate.admit(message.ticket, message.gameId, deps.game);
      }
      if (!admitted.ok) {
        deps.log.info({ gameId: message.gameId, code: admitted.error.code }, 'ticket refused');
        return refuse(ws, admitted.error.code, admitted.error.message);
      }
      const { pid, gid } = admitted.value.payload;
      const session = deps.game(gid)!;
      const link: PlayerLink = { send: (m) => sendTo(ws, m), close: (code, reason) => ws.close(code, reason) };
      joined = { session, playerId: pid, link };
      session.connect(pid, link);
      deps.log.info({ gameId: gid, playerId: pid, reconnect: admitted.value.reconnect }, 'player joined');
    });

    ws.on('close', () => {
      clearTimeout(helloTimer);
      clearInterval(ping);
      if (joined) joined.session.disconnect(joined.playerId, joined.link);
    });
    ws.on('error', () => ws.terminate());
  });
  return wss;
}
