import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { MatchFoundAlert, OnyxState, SettingsPatch } from '../../common/index.js';
import { buildContentSecurityPolicy, createLauncherServices, createPingOriginSource, type LauncherServices } from '../services/index.js';
import { BridgeGuard } from './guard.js';

export const CALL_PREFIX = '/__glaceon/bridge/';
export const EVENTS_PATH = '/__glaceon/events';
/** Stands in for the OS handing us a glaceon:// link (e2e and manual testing). */
export const DEEP_LINK_PATH = '/__glaceon/dev/deep-link';
/** What the Electron shell would have shown as notifications, for e2e assertions. */
export const ALERTS_PATH = '/__glaceon/dev/alerts';
/** Where the page trades its one-time pairing code for the bridge secret (an HttpOnly cookie). */
export const PAIR_PATH = '/__glaceon/pair';
const MAX_BODY = 64 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface DevBridgeOptions {
  userDataDir: string;
  /** The built renderer (dist-renderer); served at / so page and bridge share one origin. */
  staticDir?: string;
  host?: string;
  port?: number;
  log?: (line: string) => void;
  /** Written into the settings at start (e.g. backendUrl, onyxPath for an e2e run); invalid values fail the start. */
  settings?: SettingsPatch;
  /** Extra origins the renderer may connect to (a Coral on another host than Realm); GLACEON_CONNECT_SRC. */
  connectSrc?: string;
}

export interface DevBridge {
  /** The listener's origin. Opening it alone does not pair a page: use pairingUrl(). */
  url: string;
  /** The address the owner opens: carries a fresh one-time pairing code in its fragment. */
  pairingUrl(): string;
  /** Headers that authorise a trusted in-process caller (tests, scripts) on the HTTP API. */
  authHeaders(): Record<string, string>;
  services: LauncherServices;
  alerts: MatchFoundAlert[];
  /** Open renderer sockets (tests wait on it). */
  clients(): number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * The dev bridge: `window.glaceon` for a renderer running in a plain browser,
 * backed by the SAME OS-service modules Electron's main uses (Onyx really
 * starts). Loopback only, and loopback is not trust: every call and the event
 * socket need the per-start secret that only a paired page holds (see guard.ts);
 * a foreign Host (DNS rebinding) or web origin is refused, and JSON bodies force a
 * preflight.
 */
export async function startDevBridge(opts: DevBridgeOptions): Promise<DevBridge> {
  const log = opts.log ?? ((line: string) => console.log(`[dev-bridge] ${line}`));
  const alerts: MatchFoundAlert[] = [];
  const services = createLauncherServices({
    userDataDir: opts.userDataDir,
    cipher: null,
    warn: (m) => log(`warning: ${m}`),
    shell: {
      alertMatchFound: (alert) => {
        alerts.push(alert);
        log(`match-found alert: ${alert.title} ${alert.body}`);
      },
      alertInvite: (alert) => {
        alerts.push(alert);
        log(`invite alert: ${alert.title} ${alert.body}`);
      },
      openExternal: (url) => log(`open external (not in Electron): ${url}`),
      openPath: (path) => log(`open path (not in Electron): ${path}`),
    },
  });
  if (opts.settings) {
    const applied = await services.settings.update(opts.settings);
    if (!applied.ok) throw new Error(`Dev bridge settings: ${applied.error.message}`);
  }
  const sockets = new Set<WebSocket>();
  const guard = new BridgeGuard();

  /** Sends to every open renderer socket; false when none was open (the caller may keep the message). */
  const broadcast = (payload: { channel: 'onyx'; value: OnyxState } | { channel: 'deeplink'; value: string }): boolean => {
    const text = JSON.stringify(payload);
    let sent = false;
    for (const s of sockets) {
      if (s.readyState !== s.OPEN) continue;
      s.send(text);
      sent = true;
    }
    return sent;
  };
  services.onyx.onState((value) => void broadcast({ channel: 'onyx', value }));
  let detachLinks: (() => void) | undefined;

  const pingOrigins = createPingOriginSource();
  const staticRoot = opts.staticDir ? resolve(opts.staticDir) : undefined;
  async function serveStatic(req: IncomingMessage, res: ServerResponse) {
    if (!staticRoot) return send(res, 404, { error: 'no renderer build configured' });
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(staticRoot, urlPath));
    if (!file.startsWith(staticRoot + sep) && file !== staticRoot) return send(res, 403, { error: 'forbidden' });
    const info = await stat(file).catch(() => undefined);
    // Single-page app: unknown paths get index.html.
    if (!info || info.isDirectory()) file = join(staticRoot, 'index.html');
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    // Same policy as Electron's app:// handler: connect-src names this bridge and the configured backend only.
    if (file.endsWith('.html')) {
      const { backendUrl } = await services.settings.get();
      // The regions' ping endpoints, asked of Realm itself (services/ping-origins.ts), may be on other hosts.
      const extra = [opts.connectSrc ?? '', ...(await pingOrigins(backendUrl))].join(' ');
      headers['content-security-policy'] = buildContentSecurityPolicy({ backendUrl, extraConnect: extra });
    }
    res.writeHead(200, headers);
    createReadStream(file)
      .on('error', () => res.end())
      .pipe(res);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (!guard.hostOk(req)) return send(res, 403, { error: 'unknown host' });
      if (path.startsWith('/__glaceon/')) {
        if (!guard.originOk(req)) return send(res, 403, { error: 'cross-origin bridge calls are refused' });
        if (req.method !== 'POST' && path !== ALERTS_PATH) return send(res, 405, { error: 'POST only' });
        if (req.method === 'POST' && !String(req.headers['content-type']).startsWith('application/json')) {
          return send(res, 415, { error: 'JSON only' });
        }
        if (path !== PAIR_PATH && !guard.authorised(req)) return send(res, 401, { error: 'not paired: open the address npm start printed' });
        if (path === ALERTS_PATH) return send(res, 200, { alerts });
        let body: { input?: unknown; url?: unknown; code?: unknown };
        try {
          body = JSON.parse(await readBody(req)) as typeof body;
        } catch {
          return send(res, 400, { error: 'bad JSON' });
        }
        if (path === PAIR_PATH) {
          const cookie = guard.pair(body.code);
          if (!cookie) return send(res, 401, { error: 'this pairing code is wrong, used or expired' });
          res.setHeader('set-cookie', cookie);
          return send(res, 200, { paired: true });
        }
        if (path === DEEP_LINK_PATH) return send(res, 200, { accepted: services.deepLinks.push(body.url) });
        if (path.startsWith(CALL_PREFIX)) {
          const channel = decodeURIComponent(path.slice(CALL_PREFIX.length));
          const output = await services.bridge.invoke(channel, body.input);
          return send(res, 200, { output: output ?? null });
        }
        return send(res, 404, { error: 'unknown bridge path' });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
      return serveStatic(req, res);
    })().catch((error: unknown) => {
      log(`request failed: ${String(error)}`);
      if (!res.headersSent) send(res, 500, { error: 'internal' });
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  server.on('upgrade', (req, socket, head) => {
    const allowed = new URL(req.url ?? '/', 'http://x').pathname === EVENTS_PATH && guard.hostOk(req) && guard.originOk(req) && guard.authorised(req);
    if (!allowed) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      // Links go straight to an open renderer; with none open they wait in the queue (cold start).
      detachLinks ??= services.deepLinks.attach((value) => broadcast({ channel: 'deeplink', value }));
      ws.on('close', () => {
        sockets.delete(ws);
        if (sockets.size === 0) {
          detachLinks?.();
          detachLinks = undefined;
        }
      });
    });
  });

  await new Promise<void>((ok) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  guard.listening(opts.host ?? '127.0.0.1', port);
  return {
    url: guard.origin,
    pairingUrl: () => `${guard.origin}/#pair=${guard.newPairingCode()}`,
    authHeaders: () => guard.authHeaders(),
    services,
    alerts,
    clients: () => sockets.size,
    async close() {
      for (const s of sockets) s.terminate();
      await services.onyx.stop();
      wss.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
