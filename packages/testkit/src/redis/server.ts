import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { requireBinary, type BinaryLookupOptions } from '../binaries.js';
import { freePort } from '../ports.js';
import { describeExit, spawnManaged, type ManagedProcess } from '../processes.js';
import { makeTempDir, type TempDir } from '../tempdir.js';
import { parseInfo, redisCommand } from './resp.js';
import { redisServerVersion } from './version.js';

export interface RedisHandle {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  readonly process: ManagedProcess;
  /** Stop the server and remove its folder; idempotent. */
  stop(): Promise<void>;
}

/**
 * True when the redis-server answering on port is the one with this pid. A PONG
 * alone is not enough: when our server failed to bind, another test's server on
 * the same port would answer.
 */
async function answersAs(port: number, pid: number): Promise<boolean> {
  try {
    const info = parseInfo(String(await redisCommand(port, ['INFO', 'server'], { timeoutMs: 1000 })));
    return Number(info.process_id) === pid;
  } catch {
    return false;
  }
}

export async function waitForRedis(port: number, proc: ManagedProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await answersAs(port, proc.pid)) return;
    if (!proc.alive()) throw new Error(`${proc.name} exited early (${describeExit(await proc.closed)}):\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`${proc.name} did not answer within ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface StartRedisOptions extends BinaryLookupOptions {
  /** Extra redis-server arguments, e.g. ['--notify-keyspace-events', 'Ex']. */
  args?: string[];
  /** Use this port instead of a free one (no retry on a clash then). */
  port?: number;
  /** How long to wait for PING to answer (default 10 s). */
  readyTimeoutMs?: number;
  /**
   * Keep the data in this folder (append-only file, fsync every second) and leave it
   * there on stop, so a restart finds it again (`npm start`). Default: a temp folder,
   * no persistence, removed on stop.
   */
  dataDir?: string;
}

/** The redis-server arguments every kit-started node shares: loopback only, no persistence. */
export async function baseRedisArgs(binary: string, port: number, dir: string): Promise<string[]> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--daemonize',
    'no',
    '--save',
    '',
    '--appendonly',
    'no',
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
  ];
  // redis-server rewrites its command line; keep the temp folder's name in it so a
  // leftover is attributable (scripts/check-leftovers.mjs greps for the prefix).
  const [major] = await redisServerVersion(binary);
  if (major >= 7) args.push('--proc-title-template', `{title} {listen-addr} {server-mode} ${path.basename(dir)}`);
  return args;
}

/** A folder the caller owns: used as it is and never removed. */
async function keptDir(dir: string): Promise<TempDir> {
  await mkdir(dir, { recursive: true });
  return { path: path.resolve(dir), remove: async () => {} };
}

/** Start a redis-server on a free loopback port: throwaway in a temp folder, or persistent in `dataDir`. */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisHandle> {
  const binary = requireBinary('redis-server', options);
  const persistence = options.dataDir ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : [];
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = options.port ?? (await freePort());
    const dir = options.dataDir ? await keptDir(options.dataDir) : await makeTempDir('redis');
    const args = [...(await baseRedisArgs(binary, port, dir.path)), ...persistence, ...(options.args ?? [])];
    const proc = spawnManaged(binary, args, { name: `redis-server:${port}` });
    try {
      await waitForRedis(port, proc, options.readyTimeoutMs);
      return redisHandle(port, dir, proc);
    } catch (error) {
      lastError = error;
      await proc.stop();
      await dir.remove();
      if (options.port !== undefined) break;
    }
  }
  throw lastError;
}

function redisHandle(port: number, dir: TempDir, proc: ManagedProcess): RedisHandle {
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    url: `redis://127.0.0.1:${port}`,
    dir: dir.path,
    process: proc,
    stop() {
      stopping ??= proc.stop().then(() => dir.remove());
      return stopping;
    },
  };
}
