import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeCodeOf } from '@glaceon/protocol';
import type { Log } from '../fleet/log.js';

/**
 * A region's ping endpoint: a WebSocket echo server the launcher measures round trips
 * against (issue #14; docs/queues.md "Ping endpoints"). It is public, holds no secret and
 * knows no player, so it is bounded instead: frame size, sockets in all and per address,
 * messages per second per socket, and an idle timeout. Every frame is echoed back as it came
 * (text or binary); anything else it does is refuse.
 */
export interface PingServerOptions {
  port: number;
  /** Interface to listen on (default 127.0.0.1; a real region publishes it: 0.0.0.0). */
  host?: string;
  /** Largest frame echoed (bytes); a larger one closes the socket (1009). Default 64. */
  maxMessageBytes?: number;
  /** Open sockets in all; past it an upgrade is refused with 503. Default 1000. */
  maxConnections?: number;
  /** Open sockets per remote address; past it an upgrade is refused with 429. Default 16. */
  maxConnectionsPerAddress?: number;
  /** Messages per second per socket (a burst of as many is allowed); past it the socket closes 4429. Default 20. */
  messagesPerSecond?: number;
  /** A socket silent this long is closed (1000 "idle"). Default 30 s. */
  idleTimeoutMs?: number;
  /** Region id, for the log. */
  region?: string;
  log?: Log;
}

export interface RunningPingServer {
  readonly port: number;
  readonly host: string;
  /** Sockets open now. */
  connections(): number;
  close(): Promise<void>;
}

export const PING_DEFAULTS = {
  host: '127.0.0.1',
  maxMessageBytes: 64,
  maxConnections: 1000,
  maxConnectionsPerAddress: 16,
  messagesPerSecond: 20,
  idleTimeoutMs: 30_000,
} as const;

const RATE_LIMITED_CLOSE = closeCodeOf('RATE_LIMITED');

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

export async function startPingServer(options: PingServerOptions): Promise<RunningPingServer> {
  const host = options.host ?? PING_DEFAULTS.host;
  const maxMessageBytes = options.maxMessageBytes ?? PING_DEFAULTS.maxMessageBytes;
  const maxConnections = options.maxConnections ?? PING_DEFAULTS.maxConnections;
  const perAddress = options.maxConnectionsPerAddress ?? PING_DEFAULTS.maxConnectionsPerAddress;
  const rate = options.messagesPerSecond ?? PING_DEFAULTS.messagesPerSecond;
  const idleMs = options.idleTimeoutMs ?? PING_DEFAULTS.idleTimeoutMs;
  const log = options.log;

  const byAddress = new Map<string, number>();
  let open = 0;

  const server = http.createServer((_req, res) => {
    // Only WebSocket upgrades are served; a plain GET says so.
    res.writeHead(426, { 'content-type': 'text/plain', connection: 'close' }).end('WebSocket echo endpoint: upgrade required.\n');
  });
  server.headersTimeout = 5_000;
  server.requestTimeout = 5_000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false, clientTracking: true });

  server.on('upgrade', (req, socket, head) => {
    const address = req.socket.remoteAddress ?? '?';
    if (open >= maxConnections) return refuseUpgrade(socket, 503, 'Service Unavailable');
    if ((byAddress.get(address) ?? 0) >= perAddress) return refuseUpgrade(socket, 429, 'Too Many Requests');
    // Counted before the handshake completes, so a burst of upgrades cannot slip past the caps.
    open++;
    byAddress.set(address, (byAddress.get(address) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      open--;
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left <= 0) byAddress.delete(address);
      else byAddress.set(address, left);
    };
    socket.once('close', release);
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  });

  function serve(ws: WebSocket): void {
    // Token bucket: `rate` tokens a second, at most `rate` saved up.
    let tokens = rate;
    let refilledAt = Date.now();
    let idle = setTimeout(() => ws.close(1000, 'idle'), idleMs);
    ws.on('message', (data, isBinary) => {
      const now = Date.now();
      tokens = Math.min(rate, tokens + ((now - refilledAt) / 1000) * rate);
      refilledAt = now;
      if (tokens < 1) {
        ws.close(RATE_LIMITED_CLOSE, 'RATE_LIMITED');
        return;
      }
      tokens -= 1;
      clearTimeout(idle);
      idle = setTimeout(() => ws.close(1000, 'idle'), idleMs);
      ws.send(data, { binary: isBinary });
    });
    // Oversized frames: ws closes with 1009 itself and reports it here; nothing else to do.
    ws.on('error', () => undefined);
    ws.on('close', () => clearTimeout(idle));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log?.info({ port, host, region: options.region, maxConnections, maxMessageBytes, messagesPerSecond: rate, idleTimeoutMs: idleMs }, 'ping endpoint ready');

  return {
    port,
    host,
    connections: () => open,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * The ping endpoint's settings from the environment (PING_PORT, PING_HOST, PING_MAX_CONNECTIONS,
 * PING_MAX_PER_ADDRESS, PING_RATE, PING_IDLE_MS, PING_MAX_BYTES); null when PING_PORT is unset
 * and not required (inside a Moonstone process the endpoint is optional).
 */
export function pingOptionsFromEnv(env: NodeJS.ProcessEnv, required: boolean): Omit<PingServerOptions, 'log'> | null {
  if (!env.PING_PORT) {
    if (required) throw new Error('PING_PORT is not set: the port the ping endpoint listens on (e.g. 19701).');
    return null;
  }
  const host = env.PING_HOST || PING_DEFAULTS.host;
  if (!/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host)) throw new Error('PING_HOST must be an interface address, e.g. 127.0.0.1 or 0.0.0.0.');
  const region = env.REGION || 'local';
  if (!/^[a-z0-9-]{1,32}$/.test(region)) throw new Error('REGION must be 1-32 of a-z, 0-9, -.');
  return {
    port: int(env, 'PING_PORT', 0, 0, 65535),
    host,
    region,
    maxConnections: int(env, 'PING_MAX_CONNECTIONS', PING_DEFAULTS.maxConnections, 1, 1_000_000),
    maxConnectionsPerAddress: int(env, 'PING_MAX_PER_ADDRESS', PING_DEFAULTS.maxConnectionsPerAddress, 1, 100_000),
    messagesPerSecond: int(env, 'PING_RATE', PING_DEFAULTS.messagesPerSecond, 1, 1000),
    idleTimeoutMs: int(env, 'PING_IDLE_MS', PING_DEFAULTS.idleTimeoutMs, 100, 3_600_000),
    maxMessageBytes: int(env, 'PING_MAX_BYTES', PING_DEFAULTS.maxMessageBytes, 1, 1024),
  };
}
