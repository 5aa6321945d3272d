import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { requireBinary, type BinaryLookupOptions } from '../binaries.js';
import { freePort } from '../ports.js';
import { describeExit, spawnManaged, type ManagedProcess } from '../processes.js';
import { makeTempDir, type TempDir } from '../tempdir.js';
import { renderNginxStreamConfig, type NginxLogLevel, type NginxStreamBlockOptions, type NginxUpstreamInput } from './config.js';
import { nginxBuild, streamModulePath } from './module.js';

export interface StartNginxStreamOptions extends BinaryLookupOptions, Omit<NginxStreamBlockOptions, 'listen' | 'upstreams'> {
  /** Ports on 127.0.0.1, or host/port pairs, to balance over. */
  upstreams: readonly NginxUpstreamInput[];
  /** Listen here instead of on a free port (no retry on a clash then). */
  listenPort?: number;
  /** Default 'notice', so error.log shows upstream failures and worker starts. */
  errorLogLevel?: NginxLogLevel;
  /** How long to wait for nginx to bind (default 10 s). */
  readyTimeoutMs?: number;
  /**
   * Connections per worker (default 8192). A proxied stream holds two (client and upstream), so
   * nginx's own 1024 capped a stack at ~500 players: past it new sockets were refused and the
   * chaos soak read that as players never told. Stays below the process's descriptor limit.
   */
  workerConnections?: number;
}

/** Default worker_connections for the started nginx (see StartNginxStreamOptions.workerConnections). */
export const NGINX_WORKER_CONNECTIONS = 8192;

export interface NginxStreamHandle {
  readonly host: string;
  readonly port: number;
  /** `tcp://127.0.0.1:<port>`. */
  readonly url: string;
  /** `ws://127.0.0.1:<port>`, for WebSocket clients going through the proxy. */
  readonly wsUrl: string;
  readonly configPath: string;
  /** The prefix folder: nginx.conf, error.log, nginx.pid. */
  readonly dir: string;
  /** The master process; workers share its process group. */
  readonly process: ManagedProcess;
  /** error.log so far (upstream failures show up here). */
  errorLog(): Promise<string>;
  /** Stop nginx (master and workers) and remove its folder; idempotent. */
  stop(): Promise<void>;
}

/**
 * nginx writes its pid file after it has bound the listen sockets (and before it
 * forks workers, which then accept from the already-open backlog), so the pid file
 * is the readiness signal. Probing the port instead would open a proxied
 * connection to an upstream and disturb what the test observes.
 */
async function waitForPidFile(pidPath: string, proc: ManagedProcess, errorLogPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!proc.alive()) {
      const log = await readFile(errorLogPath, 'utf8').catch(() => '');
      throw new Error(`nginx exited early (${describeExit(await proc.closed)}):\n${proc.output()}${log}`);
    }
    const written = await readFile(pidPath, 'utf8').catch(() => '');
    if (written.trim() === String(proc.pid)) return;
    if (Date.now() > deadline) throw new Error(`nginx did not start within ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function startOnce(
  binary: string,
  moduleFile: string | undefined,
  supportsErrorFlag: boolean,
  port: number,
  options: StartNginxStreamOptions,
): Promise<NginxStreamHandle> {
  const dir = await makeTempDir('nginx');
  const configPath = path.join(dir.path, 'nginx.conf');
  const errorLogPath = path.join(dir.path, 'error.log');
  const pidPath = path.join(dir.path, 'nginx.pid');
  let proc: ManagedProcess | undefined;
  try {
    const { upstreams, listenPort: _listenPort, searchPath: _searchPath, readyTimeoutMs, errorLogLevel, workerConnections, ...block } = options;
    const config = renderNginxStreamConfig({
      ...block,
      upstreams,
      listen: { host: '127.0.0.1', port },
      ...(moduleFile !== undefined ? { streamModulePath: moduleFile } : {}),
      daemon: false,
      masterProcess: true,
      workerProcesses: 1,
      workerConnections: workerConnections ?? NGINX_WORKER_CONNECTIONS,
      pidPath,
      errorLog: errorLogPath,
      errorLogLevel: errorLogLevel ?? 'notice',
    });
    await writeFile(configPath, config);
    // -p: relative paths resolve in our folder; -e: the startup log goes there too
    // instead of the compiled-in /var/log/nginx/error.log.
    const args = ['-p', `${dir.path}/`, '-c', configPath, ...(supportsErrorFlag ? ['-e', errorLogPath] : [])];
    proc = spawnManaged(binary, args, { name: `nginx:${port}` });
    await waitForPidFile(pidPath, proc, errorLogPath, readyTimeoutMs ?? 10_000);
    return nginxHandle(port, dir, configPath, errorLogPath, proc);
  } catch (error) {
    await proc?.stop();
    await dir.remove();
    throw error;
  }
}

function nginxHandle(port: number, dir: TempDir, configPath: string, errorLogPath: string, proc: ManagedProcess): NginxStreamHandle {
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    url: `tcp://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    configPath,
    dir: dir.path,
    process: proc,
    errorLog: () => readFile(errorLogPath, 'utf8').catch(() => ''),
    stop() {
      // SIGTERM to the group: nginx's fast shutdown for master and workers alike.
      stopping ??= proc.stop().then(() => dir.remove());
      return stopping;
    },
  };
}

/**
 * Start nginx in stream (TCP) mode on a free loopback port, balancing connections
 * over the given upstreams (round robin by default, a refused upstream skipped
 * for 2 s). Resolves once nginx has bound its port.
 */
export async function startNginxStream(options: StartNginxStreamOptions): Promise<NginxStreamHandle> {
  const binary = requireBinary('nginx', options);
  const build = await nginxBuild(binary);
  const moduleFile = streamModulePath(build);
  const [major, minor, patch] = build.version;
  const supportsErrorFlag = major * 1_000_000 + minor * 1000 + patch >= 1_019_005;
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = options.listenPort ?? (await freePort());
    try {
      return await startOnce(binary, moduleFile, supportsErrorFlag, port, options);
    } catch (error) {
      lastError = error;
      // Only a lost race for a free port is worth another try.
      if (options.listenPort !== undefined || !/Address already in use|bind\(\)/.test(String(error))) break;
    }
  }
  throw lastError;
}
