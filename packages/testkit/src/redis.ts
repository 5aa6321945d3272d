import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { requireBinary } from './binaries.js';
import { freePort } from './ports.js';
import { spawnManaged, type ManagedProcess } from './processes.js';

/** Temp folders made by the kit start with this, so a CI step can prove nothing was left behind. */
export const TESTKIT_TMP_PREFIX = 'glaceon-testkit-';

export interface RedisHandle {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

/** Send PING over a raw socket; true on +PONG. Keeps the kit free of a Redis client dependency. */
export function pingRedis(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (value: boolean) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export async function waitForRedis(port: number, proc: ManagedProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`redis-server exited early:\n${proc.output()}`);
    if (await pingRedis(port)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms:\n${proc.output()}`);
}

export interface StartRedisOptions {
  /** Extra redis-server arguments, e.g. ['--notify-keyspace-events', 'Ex']. */
  args?: string[];
  /** Use this port instead of a free one. */
  port?: number;
}

/** Start a throwaway redis-server on a free loopback port in a temp folder; no persistence. */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisHandle> {
  const binary = requireBinary('redis-server');
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = options.port ?? (await freePort());
    const dir = await mkdtemp(path.join(os.tmpdir(), TESTKIT_TMP_PREFIX));
    const proc = spawnManaged(binary, [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--dir', dir,
      '--save', '',
      '--appendonly', 'no',
      '--protected-mode', 'yes',
      '--loglevel', 'warning',
      ...(options.args ?? []),
    ]);
    try {
      await waitForRedis(port, proc);
      return {
        host: '127.0.0.1',
        port,
        url: `redis://127.0.0.1:${port}`,
        dir,
        process: proc,
        async stop() {
          await proc.stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
      if (options.port !== undefined) break;
    }
  }
  throw lastError;
}
