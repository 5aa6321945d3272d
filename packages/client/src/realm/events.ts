/**
 * RealmEvents: the event socket with reconnect (exponential backoff with
 * jitter) and resync: every (re)connect sends `hello` and receives a fresh
 * `snapshot`, so state missed while disconnected is caught up.
 *
 * Authentication uses the subprotocol pair `glaceon.v1` +
 * `glaceon.bearer.<token>` (browsers cannot set headers on a WebSocket; the
 * token stays out of the URL). Pass a WebSocket constructor in Node 20
 * (`ws`); browsers use the global one.
 */
import {
  closeCodeOf,
  createMessageDecoder,
  PROTOCOL_VERSION,
  REALM_BEARER_SUBPROTOCOL_PREFIX,
  REALM_SERVER_MESSAGES,
  REALM_SUBPROTOCOL,
  type RealmClientMessage,
  type RealmServerMessage,
} from '@glaceon/protocol';

/** The slice of the WebSocket API used here (browser WebSocket and `ws` both fit). */
export interface RealmWebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type RealmWebSocketConstructor = new (url: string, protocols?: string | string[]) => RealmWebSocketLike;

export type RealmEventType = RealmServerMessage['type'];
export type RealmEventOf<T extends RealmEventType> = Extract<RealmServerMessage, { type: T }>;
export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface RealmEventsOptions {
  /** ws://host:port/v1/events (RealmClient.eventsUrl()). */
  url: string;
  /** The session token, or a function returning the current one (re-read on every reconnect). */
  token: string | (() => string | undefined);
  WebSocket?: RealmWebSocketConstructor;
  /** Backoff: first delay, cap, factor. Defaults 250 ms, 15 s, 2. */
  minDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
  /** Send an application ping this often to detect dead links; default 15 s, 0 disables. */
  pingEveryMs?: number;
  random?: () => number;
  /**
   * Called when a connection attempt fails before its snapshot. A browser
   * cannot see the upgrade's HTTP 401, so pass e.g.
   * `() => client.me().then(() => true, (e) => e.code !== 'UNAUTHENTICATED')`:
   * on `false` the socket stops retrying and reports close code 4401.
   */
  verifySession?: () => Promise<boolean>;
}

/** Close codes after which reconnecting cannot help (signed out, incompatible protocol). */
const SIGNED_OUT = closeCodeOf('UNAUTHENTICATED');
const FINAL_CLOSE_CODES = new Set([SIGNED_OUT, closeCodeOf('INCOMPATIBLE_VERSION')]);
const decodeServerMessage = createMessageDecoder([...REALM_SERVER_MESSAGES]);

type Listener = (message: RealmServerMessage) => void;

export class RealmEvents {
  private socket: RealmWebSocketLike | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly stateListeners = new Set<(state: ConnectionState, detail?: { code: number; reason: string }) => void>();
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  private stateValue: ConnectionState = 'closed';
  private readonly WS: RealmWebSocketConstructor;
  /** The latest snapshot received (after every reconnect). */
  lastSnapshot: RealmEventOf<'snapshot'> | undefined;

  constructor(private readonly options: RealmEventsOptions) {
    const ctor = options.WebSocket ?? (globalThis as { WebSocket?: RealmWebSocketConstructor }).WebSocket;
    if (!ctor) throw new Error('No WebSocket implementation: pass options.WebSocket (e.g. the `ws` package in Node).');
    this.WS = ctor;
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** Subscribe to one event type; returns an unsubscribe function. `*` receives everything. */
  on<T extends RealmEventType>(type: T | '*', listener: (message: RealmEventOf<T>) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  onState(listener: (state: ConnectionState, detail?: { code: number; reason: string }) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Resolves with the next message of this type (optionally matching `where`), or rejects after timeoutMs. */
  next<T extends RealmEventType>(type: T, where: (m: RealmEventOf<T>) => boolean = () => true, timeoutMs = 5000): Promise<RealmEventOf<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`No ${type} event within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on(type, (m) => {
        if (!where(m)) return;
        clearTimeout(timer);
        off();
        resolve(m);
      });
    });
  }

  /** Open (and keep reopening) the socket. Resolves with the first snapshot. */
  connect(): Promise<RealmEventOf<'snapshot'>> {
    this.stopped = false;
    const first = this.next('snapshot', () => true, 30_000);
    this.open();
    return first;
  }

  send(message: RealmClientMessage): void {
    if (this.socket && this.stateValue === 'open') this.socket.send(JSON.stringify(message));
  }

  /** Ask for a fresh snapshot now. */
  resync(): void {
    this.send({ type: 'resync' });
  }

  close(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.stopPing();
    this.socket?.close(1000, 'bye');
    this.socket = undefined;
    this.setState('closed');
  }

  private currentToken(): string | undefined {
    return typeof this.options.token === 'function' ? this.options.token() : this.options.token;
  }

  private open(): void {
    const token = this.currentToken();
    if (!token) {
      this.setState('closed', { code: SIGNED_OUT, reason: 'no session' });
      return;
    }
    this.setState('connecting');
    const socket = new this.WS(this.options.url, [REALM_SUBPROTOCOL, `${REALM_BEARER_SUBPROTOCOL_PREFIX}${token}`]);
    this.socket = socket;
    let greeted = false;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'hello', version: PROTOCOL_VERSION }));
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      const decoded = decodeServerMessage.decodeText(event.data);
      if (!decoded.ok) return; // a newer server's message we do not know: ignore
      const message = decoded.value;
      if (message.type === 'snapshot') {
        greeted = true;
        this.lastSnapshot = message;
        this.attempt = 0;
        if (this.stateValue !== 'open') {
          this.setState('open');
          this.startPing();
        }
      }
      for (const key of [message.type, '*']) for (const l of [...(this.listeners.get(key) ?? [])]) l(message);
    };
    socket.onerror = () => {
      // onclose follows and decides about reconnecting.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.stopPing();
      this.setState('closed', { code: event.code, reason: event.reason });
      if (this.stopped || FINAL_CLOSE_CODES.has(event.code)) return;
      const verify = this.options.verifySession;
      if (greeted || !verify) {
        this.scheduleReconnect();
        return;
      }
      void verify().then(
        (valid) => {
          if (this.stopped) return;
          if (valid) this.scheduleReconnect();
          else {
            this.stopped = true;
            this.setState('closed', { code: SIGNED_OUT, reason: 'session ended' });
          }
        },
        () => {
          if (!this.stopped) this.scheduleReconnect();
        },
      );
    };
  }

  private scheduleReconnect(): void {
    const min = this.options.minDelayMs ?? 250;
    const max = this.options.maxDelayMs ?? 15_000;
    const factor = this.options.factor ?? 2;
    const random = this.options.random ?? Math.random;
    const base = Math.min(max, min * factor ** this.attempt);
    this.attempt++;
    // Full jitter in [base/2, base]: reconnect storms after a Realm restart spread out.
    const delay = base / 2 + random() * (base / 2);
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  private startPing(): void {
    const every = this.options.pingEveryMs ?? 15_000;
    if (every <= 0) return;
    this.stopPing();
    this.pingTimer = setInterval(() => this.send({ type: 'ping' }), every);
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }

  private setState(state: ConnectionState, detail?: { code: number; reason: string }): void {
    this.stateValue = state;
    for (const l of [...this.stateListeners]) l(state, detail);
  }
}
