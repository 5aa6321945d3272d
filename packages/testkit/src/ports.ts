import { readFileSync } from 'node:fs';
import net from 'node:net';

/**
 * Ports handed out for services to listen on come from below the kernel's
 * ephemeral range: outbound sockets (every client connection a test opens) are
 * given ports from that range, so a port picked there and bound a moment later
 * can already be taken by a client socket (EADDRINUSE under load). Candidates
 * are drawn at random and probed with a real bind.
 */
const FALLBACK_EPHEMERAL_START = 32768;
const LOWEST_PORT = 10_000;

function ephemeralStart(): number {
  try {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const value = Number(start);
    return Number.isInteger(value) && value > LOWEST_PORT + 1000 ? value : FALLBACK_EPHEMERAL_START;
  } catch {
    return FALLBACK_EPHEMERAL_START; // not Linux: the usual default
  }
}

function canBind(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A loopback port nothing listens on, outside the ephemeral range. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const top = ephemeralStart();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOWEST_PORT + Math.floor(Math.random() * (top - LOWEST_PORT));
    if (await canBind(port, host)) return port;
  }
  throw new Error(`No free port found between ${LOWEST_PORT} and ${top} after 200 tries`);
}

/** One connect attempt: true when something accepts TCP on host:port. */
export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Resolve once something accepts TCP connections on host:port, or reject after
 * timeoutMs. `until` (optional) aborts the wait early by returning a reason.
 */
export async function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 10_000, until?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await isPortOpen(port, host)) return;
    const reason = until?.();
    if (reason !== undefined) throw new Error(`Stopped waiting for ${host}:${port}: ${reason}`);
    if (Date.now() > deadline) throw new Error(`Nothing listened on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
