import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { closeCodeOf, ErrorCode, TokenBucket, type CoralServerMessage, type ErrorCode as Code } from '@glaceon/protocol';
import { corkForThisTurn } from '@glaceon/protocol/node';

export interface ConnectionLimits {
  maxBufferedBytes: number;
  rateLimitPerSec: number;
  rateLimitBurst: number;
}

let nextConnectionId = 1;

/** Frames sent to one socket in the same turn of the event loop leave in one syscall (coral-perf-004). */
function corkPlayerSocket(ws: WebSocket): void {
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  if (socket) corkForThisTurn(socket);
}

/** One authenticated player socket on this Coral. */
export class PlayerConnection {
  readonly id = nextConnectionId++;
  /** Set once `hello` with the right version arrived; nothing else is served before. */
  handshaken = false;
  /** When the peer last sent anything (a frame or a pong): the heartbeat pings only silent sockets. */
  heardAt = Date.now();
  /** When the heartbeat last pinged this socket; undefined once the peer answered or spoke. */
  pingedAt: number | undefined;
  closed = false;
  readonly bucket: TokenBucket;
  /** Rate-limited frames in a row; a client that keeps flooding is dropped. */
  floods = 0;
  /** Game id whose game.ready (with a ticket) this socket already received. */
  gameReadyFor: string | undefined;

  /** The peer spoke (any frame or a pong): it is alive, and an outstanding ping is answered. */
  heard(): void {
    this.heardAt = Date.now();
    this.pingedAt = undefined;
  }

  constructor(
    readonly ws: WebSocket,
    readonly playerId: string,
    readonly playerName: string,
    private readonly limits: ConnectionLimits,
    private readonly onSlowConsumer: () => void,
  ) {
    this.bucket = new TokenBucket(limits.rateLimitPerSec, limits.rateLimitBurst);
  }

  /** Send one message. A peer that does not read (buffer over the limit) is dropped instead. */
  send(message: CoralServerMessage): boolean {
    return this.sendEncoded(JSON.stringify(message));
  }

  /** Send a message already encoded (one encoding shared by every recipient of a broadcast). */
  sendEncoded(text: string): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.onSlowConsumer();
      this.terminate();
      return false;
    }
    corkPlayerSocket(this.ws);
    this.ws.send(text);
    return true;
  }

  sendError(code: Code, message?: string, id?: string, path?: string): void {
    this.send({
      type: 'error',
      code,
      message: (message ?? ErrorCode[code].message).slice(0, 512),
      ...(id !== undefined ? { id } : {}),
      ...(path !== undefined ? { path: path.slice(0, 256) } : {}),
    });
  }

  /** Send an error, then close with the code derived from it. */
  fail(code: Code, message?: string, id?: string): void {
    this.sendError(code, message, id);
    this.closed = true;
    this.ws.close(closeCodeOf(code), (message ?? ErrorCode[code].message).slice(0, 120));
  }

  terminate(): void {
    this.closed = true;
    this.ws.terminate();
  }
}
