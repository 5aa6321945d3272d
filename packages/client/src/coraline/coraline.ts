import {
  CLOSE_CODE_BASE,
  CORAL_PLAY_PATH,
  CORAL_SUBPROTOCOL,
  GlaceonError,
  closeCodeOf,
  PROTOCOL_VERSION,
  bearerSubprotocol,
  coralServerDecoder,
  isErrorCode,
  type CoralEvent,
  type CoralEventOf,
  type CoralEventType,
  type CoralRequest,
  type CoralServerMessage,
  type ErrorCode,
  type RegionLatency,
  type Welcome,
} from '@glaceon/protocol';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { TypedEmitter } from './emitter.js';
import { defaultWebSocket, WS_OPEN, type WebSocketConstructor, type WebSocketLike } from './socket.js';

export type CoralineStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface CoralineOptions {
  /** Coral base URL (`ws://host:port`) or the full socket URL (`.../v1/play`). */
  url: string;
  /** The Realm session token, or a function returning the current one (read on every connect). */
  token: string | (() => string | Promise<string>);
  /** WebSocket implementation; defaults to the global one (browsers, Electron). Node: `ws`. */
  WebSocket?: WebSocketConstructor;
  /**
   * 'subprotocol' (default, works in browsers): `glaceon.bearer.<token>` beside `glaceon.v1`.
   * 'header' (Node only): `Authorization: Bearer <token>`.
   */
  auth?: 'subprotocol' | 'header';
  /** false disables reconnecting; otherwise backoff settings. */
  reconnect?: false | Partial<BackoffOptions>;
  /** A request without a reply after this long rejects with UNAVAILABLE. */
  requestTimeoutMs?: number;
  /** Sent in `hello` for server logs. */
  clientName?: string;
  /** No welcome this long after opening the socket: drop it and try again (a frozen server accepts TCP but never answers). Default 10 s. */
  connectTimeoutMs?: number;
  /**
   * Heard nothing from the server this long: send `ping`; nothing for twice
   * as long: drop the socket and reconnect. Default: the server's heartbeat
   * interval from `welcome` (browsers cannot see WebSocket pings). 0 disables.
   */
  livenessMs?: number;
}

type EventListeners = { [K in CoralEventType]: (message: CoralEventOf<K>) => void };

export interface CoralineEvents extends EventListeners {
  /** Every server event, in order, after decoding. */
  message: (message: CoralEvent) => void;
  /** The handshake succeeded (first connect and every reconnect); the current state follows. */
  welcome: (welcome: Welcome) => void;
  status: (status: CoralineStatus) => void;
  /** The socket closed; `willReconnect` says whether Coraline tries again. */
  disconnected: (info: { code: number; reason: string; willReconnect: boolean }) => void;
  /** An `error` frame not tied to a pending request, or a frame that failed to decode. */
  error: (error: GlaceonError) => void;
}

interface Pending {
  resolve: (message: CoralServerMessage) => void;
  reject: (error: GlaceonError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Closes after which reconnecting cannot help, by close code, with the error the caller gets.
 * Every other close reconnects: 4421 (INSTANCE_FULL) in particular means "that Coral is at its
 * socket cap", and reconnecting to the same URL (the load balancer's) reaches another instance.
 */
const FATAL_CLOSES = new Map<number, ErrorCode>((['INCOMPATIBLE_VERSION', 'UNAUTHENTICATED', 'FORBIDDEN'] as const).map((code) => [closeCodeOf(code), code]));

type RequestBody = CoralRequest extends infer R ? (R extends CoralRequest ? Omit<R, 'id'> : never) : never;

/**
 * Coraline: the Coral client. Opens the socket, states the protocol version,
 * sends requests with ids and resolves their replies, emits typed events, and
 * reconnects with exponential backoff and jitter. Coral sends the player's
 * current state after every handshake, so a reconnect resumes by itself.
 */
export class Coraline extends TypedEmitter<CoralineEvents> {
  private readonly options: CoralineOptions;
  private readonly WS: WebSocketConstructor;
  private readonly backoff: BackoffOptions;
  private socket: WebSocketLike | undefined;
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private currentStatus: CoralineStatus = 'idle';
  private welcomeWaiters: { resolve: (w: Welcome) => void; reject: (e: GlaceonError) => void }[] = [];
  private lastFrameAt = 0;
  private livenessTimer: ReturnType<typeof setInterval> | undefined;
  /** The last welcome (player id, coral id) while connected. */
  welcome: Welcome | undefined;

  constructor(options: CoralineOptions) {
    super();
    this.options = options;
    this.WS = options.WebSocket ?? defaultWebSocket();
    this.backoff = { ...DEFAULT_BACKOFF, ...(options.reconnect || {}) };
  }

  get status(): CoralineStatus {
    return this.currentStatus;
  }

  /** Connect and complete the handshake. Resolves with the welcome; rejects if the first attempt fails and reconnect is off. */
  connect(): Promise<Welcome> {
    this.stopped = false;
    const waiter = new Promise<Welcome>((resolve, reject) => this.welcomeWaiters.push({ resolve, reject }));
    if (this.currentStatus === 'idle' || this.currentStatus === 'closed') void this.open();
    return waiter;
  }

  /** Close for good: no reconnect; pending requests reject. */
  close(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.livenessTimer);
    this.failPending(new GlaceonError('UNAVAILABLE', 'Connection closed by the client.'));
    this.failWelcome(new GlaceonError('UNAVAILABLE', 'Connection closed by the client.'));
    const socket = this.socket;
    this.socket = undefined;
    if (socket) detach(socket, 1000, 'bye');
    this.setStatus('closed');
  }

  startQueue(): Promise<void> {
    return this.request({ type: 'queue.start' }).then(() => undefined);
  }

  cancelQueue(): Promise<void> {
    return this.request({ type: 'queue.cancel' }).then(() => undefined);
  }

  accept(prematchId: string): Promise<void> {
    return this.request({ type: 'match.accept', prematchId }).then(() => undefined);
  }

  decline(prematchId: string): Promise<void> {
    return this.request({ type: 'match.decline', prematchId }).then(() => undefined);
  }

  /**
   * Leave a running game for good, once the game server reported every player of your lobby as
   * left or a no-show (your game client has exited). Rejects WRONG_STATE while someone is still in
   * the game, UNAVAILABLE (retryable, nothing changed) when the game server did not answer.
   */
  leaveGame(gameId: string): Promise<void> {
    return this.request({ type: 'game.leave', gameId }).then(() => undefined);
  }

  /**
   * Report my measured round trips to the regions (`region.latencies`; see measureRoundTrip):
   * Coral keeps the latest report and uses it when my lobby enters the queue. Send it after every
   * (re)connect's welcome and after each new measurement; a player who chose one region sends only
   * that one. Resolves on the ack.
   */
  reportLatencies(latencies: readonly RegionLatency[]): Promise<void> {
    return this.request({ type: 'region.latencies', latencies: [...latencies] }).then(() => undefined);
  }

  /** Send a request; resolves with its reply (`ack`), rejects with a GlaceonError carrying the server's code. */
  request(body: RequestBody): Promise<CoralServerMessage> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WS_OPEN || this.currentStatus !== 'open') {
      return Promise.reject(new GlaceonError('UNAVAILABLE', 'Not connected to Coral.'));
    }
    const id = `c${this.nextId++}`;
    return new Promise<CoralServerMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new GlaceonError('UNAVAILABLE', `No reply to ${body.type} in time.`));
      }, this.options.requestTimeoutMs ?? 15_000);
      this.pending.set(id, { resolve, reject, timer });
      socket.send(JSON.stringify({ ...body, id }));
    });
  }

  /** Resolve with the next event of this type (optionally matching a predicate). */
  next<K extends CoralEventType>(type: K, predicate: (m: CoralEventOf<K>) => boolean = () => true, timeoutMs = 30_000): Promise<CoralEventOf<K>> {
    return new Promise((resolve, reject) => {
      const listener = ((m: CoralEventOf<K>) => {
        if (!predicate(m)) return;
        clearTimeout(timer);
        off();
        resolve(m);
      }) as CoralineEvents[K];
      const off = this.on(type, listener);
      const timer = setTimeout(() => {
        off();
        reject(new GlaceonError('UNAVAILABLE', `No ${type} within ${timeoutMs} ms.`));
      }, timeoutMs);
    });
  }

  private setStatus(status: CoralineStatus): void {
    if (this.currentStatus === status) return;
    this.currentStatus = status;
    this.emit('status', status);
  }

  private socketUrl(): string {
    const base = this.options.url.replace(/\/+$/, '');
    return base.endsWith(CORAL_PLAY_PATH) ? base : `${base}${CORAL_PLAY_PATH}`;
  }

  private async open(): Promise<void> {
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let token: string;
    try {
      token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
    } catch {
      this.scheduleReconnect(1006, 'token unavailable');
      return;
    }
    if (this.stopped) return;
    const header = this.options.auth === 'header';
    const protocols = header ? [CORAL_SUBPROTOCOL] : [CORAL_SUBPROTOCOL, bearerSubprotocol(token)];
    let socket: WebSocketLike;
    try {
      socket = header ? new this.WS(this.socketUrl(), protocols, { headers: { Authorization: `Bearer ${token}` } }) : new this.WS(this.socketUrl(), protocols);
    } catch {
      this.scheduleReconnect(1006, 'socket could not be created');
      return;
    }
    this.socket = socket;
    const handshakeTimer = setTimeout(() => {
      if (this.socket !== socket || this.currentStatus === 'open') return;
      detach(socket, CLOSE_CODE_BASE, 'handshake timeout');
      this.socket = undefined;
      this.scheduleReconnect(1006, 'handshake timeout');
    }, this.options.connectTimeoutMs ?? 10_000);
    socket.onopen = () => {
      socket.send(
        JSON.stringify({ type: 'hello', id: 'hello', version: PROTOCOL_VERSION, ...(this.options.clientName ? { client: this.options.clientName } : {}) }),
      );
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      this.lastFrameAt = Date.now();
      this.onFrame(event.data);
    };
    // 'error' is always followed by 'close'; all handling happens there.
    socket.onerror = () => undefined;
    socket.onclose = (event) => {
      clearTimeout(handshakeTimer);
      if (this.socket !== socket) return;
      clearInterval(this.livenessTimer);
      this.socket = undefined;
      this.welcome = undefined;
      this.failPending(new GlaceonError('UNAVAILABLE', 'Connection to Coral lost.'));
      this.scheduleReconnect(event.code, event.reason);
    };
  }

  /** A server that went silent (frozen, partitioned) is dropped so reconnecting can find a live one. */
  private watchLiveness(heartbeatMs: number): void {
    clearInterval(this.livenessTimer);
    const every = this.options.livenessMs ?? heartbeatMs;
    if (!every || every <= 0) return;
    const socket = this.socket;
    let pings = 0;
    this.livenessTimer = setInterval(
      () => {
        if (!socket || this.socket !== socket) return;
        const silent = Date.now() - this.lastFrameAt;
        if (silent >= 2 * every) {
          clearInterval(this.livenessTimer);
          detach(socket, CLOSE_CODE_BASE, 'server silent');
          this.socket = undefined;
          this.welcome = undefined;
          this.failPending(new GlaceonError('UNAVAILABLE', 'Coral stopped answering.'));
          this.scheduleReconnect(1006, 'server silent');
          return;
        }
        if (silent >= every && socket.readyState === WS_OPEN) socket.send(JSON.stringify({ type: 'ping', id: `k${++pings}` }));
      },
      Math.max(50, Math.floor(every / 2)),
    );
  }

  private scheduleReconnect(code: number, reason: string): void {
    const fatal = FATAL_CLOSES.get(code);
    const willReconnect = !this.stopped && this.options.reconnect !== false && !fatal;
    this.emit('disconnected', { code, reason, willReconnect });
    if (!willReconnect) {
      const error = fatal ? new GlaceonError(fatal, reason || undefined) : new GlaceonError('UNAVAILABLE', reason || 'Could not connect to Coral.');
      this.failWelcome(error);
      this.setStatus('closed');
      return;
    }
    this.setStatus('reconnecting');
    const delay = backoffDelay(this.attempt++, this.backoff);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.open(), delay);
  }

  private onFrame(data: unknown): void {
    const text = typeof data === 'string' ? data : String(data);
    const decoded = coralServerDecoder.decodeText(text, 1 << 20);
    if (!decoded.ok) {
      this.emit('error', new GlaceonError(decoded.error.code, `Bad frame from Coral: ${decoded.error.message}`));
      return;
    }
    const message = decoded.value;
    switch (message.type) {
      case 'welcome': {
        this.attempt = 0;
        this.welcome = message;
        this.setStatus('open');
        const waiters = this.welcomeWaiters;
        this.welcomeWaiters = [];
        for (const w of waiters) w.resolve(message);
        this.watchLiveness(message.heartbeatMs);
        this.emit('welcome', message);
        return;
      }
      case 'pong':
        return;
      case 'ack':
        this.settle(message.id, message);
        return;
      case 'error': {
        const error = new GlaceonError(isErrorCode(message.code) ? message.code : 'INTERNAL', message.message, message.path);
        if (message.id !== undefined && message.id !== 'hello' && this.pending.has(message.id)) {
          this.settle(message.id, undefined, error);
          return;
        }
        this.emit('error', error);
        return;
      }
      default:
        this.emit('message', message);
        (this.emit as (type: string, m: CoralEvent) => void)(message.type, message);
    }
  }

  private settle(id: string, reply: CoralServerMessage | undefined, error?: GlaceonError): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else if (reply) pending.resolve(reply);
  }

  private failPending(error: GlaceonError): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(error);
      this.pending.delete(id);
    }
  }

  private failWelcome(error: GlaceonError): void {
    const waiters = this.welcomeWaiters;
    this.welcomeWaiters = [];
    for (const w of waiters) w.reject(error);
  }
}

/**
 * Close a socket Coraline is done with, without hearing from it again. A
 * handler stays on `error`: closing a socket still connecting reports one.
 * The timeouts close with the bare base code: no error of the table applies
 * (the server never answered).
 */
function detach(socket: WebSocketLike, code: number, reason: string): void {
  socket.onclose = null;
  socket.onmessage = null;
  socket.onerror = () => undefined;
  try {
    socket.close(code, reason);
  } catch {
    // never opened, or already closing
  }
}
