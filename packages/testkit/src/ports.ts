import net from 'node:net';

/** Ask the kernel for a free loopback port. Callers retry if a race takes it first. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('Could not read the bound port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
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
