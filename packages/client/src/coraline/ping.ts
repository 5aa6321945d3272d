import { defaultWebSocket, type WebSocketConstructor, type WebSocketLike } from './socket.js';

export interface MeasureRoundTripOptions {
  /** Pings over the one socket; the result is their median. Default 5. */
  pings?: number;
  /** The whole measurement (connect + every ping) must finish within this; default 4 s. */
  timeoutMs?: number;
  /** WebSocket implementation; defaults to the global one. Node: `ws`. */
  WebSocket?: WebSocketConstructor;
  /** Clock in ms (default performance.now). */
  now?: () => number;
}

/** The median of a list (the lower middle for an even count, so one slow outlier never counts). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * A region's round trip: one WebSocket to its ping endpoint (a bounded echo server, see
 * docs/queues.md "Ping endpoints"), `pings` small text frames one after another, each timed
 * from send to its echo; resolves with the median in whole ms (at least 1). The connection's own
 * set-up is not counted (TCP and TLS handshakes are not what a game's traffic pays). Rejects when
 * the socket fails, closes early or the whole run takes longer than `timeoutMs`; the socket is
 * always closed.
 */
export function measureRoundTrip(url: string, options: MeasureRoundTripOptions = {}): Promise<number> {
  const pings = Math.max(1, Math.min(20, options.pings ?? 5));
  const timeoutMs = options.timeoutMs ?? 4000;
  const now = options.now ?? (() => performance.now());
  const WS = options.WebSocket ?? defaultWebSocket();
  return new Promise<number>((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = new WS(url);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const samples: number[] = [];
    let sentAt = 0;
    let expected = '';
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.onopen = socket.onmessage = socket.onclose = null;
      // Closing a socket still connecting reports an error (Node's ws throws one nobody listens to): swallow it.
      socket.onerror = () => undefined;
      try {
        socket.close(1000, 'done');
      } catch {
        // already closed
      }
      if (error) reject(error);
      else resolve(Math.max(1, Math.round(median(samples))));
    };
    const timer = setTimeout(() => finish(new Error(`No answer from ${url} within ${timeoutMs} ms.`)), timeoutMs);
    const send = () => {
      expected = `p${samples.length}`;
      sentAt = now();
      socket.send(expected);
    };
    socket.onopen = () => send();
    socket.onmessage = (event) => {
      // Only our own echo counts (a stray frame never times a ping).
      if (typeof event.data !== 'string' || event.data !== expected) return;
      samples.push(now() - sentAt);
      if (samples.length >= pings) finish(null);
      else send();
    };
    socket.onerror = () => undefined; // 'close' follows
    socket.onclose = (event) => finish(new Error(`The ping endpoint ${url} closed (${event.code}) before ${pings} pings.`));
  });
}
