import { appendFileSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTicketKeyPair, type TicketKeyPair } from '@glaceon/protocol/node';
import { closeRedis, createRedis, type RedisClient } from '@glaceon/store';
import {
  freePort,
  makeTempDir,
  processGroupMembers,
  nginxBuild,
  renderNginxStreamConfig,
  requireBinary,
  spawnManaged,
  spawnService,
  startRedis,
  streamModulePath,
  waitForPort,
  type ManagedProcess,
  type RedisHandle,
  type ServiceHandle,
} from '@glaceon/testkit';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const CORAL_ENTRY = path.join(REPO_ROOT, 'apps/coral/src/server.ts');
export const BENCH_FLEET_KEY = 'bench-fleet-key-0123456789-abcdefghij';

export interface BenchStack {
  redisServer: RedisHandle;
  redis: RedisClient;
  corals: ServiceHandle[];
  /** Each Coral's internal listener port (its /metrics), in the order of `corals`. */
  coralPorts: number[];
  wsUrl: string;
  keys: TicketKeyPair;
  /** nginx master and workers (for CPU accounting). */
  nginxPids(): number[];
  stop(): Promise<void>;
}

/**
 * nginx for many sockets: the test kit's startNginxStream runs one worker with
 * 1024 connections; the benchmark needs tens of thousands (two descriptors per
 * proxied socket), so it renders the same config with more workers.
 */
async function startBigNginx(upstreams: number[], clients: number): Promise<{ port: number; proc: ManagedProcess; stop(): Promise<void> }> {
  const binary = requireBinary('nginx');
  const build = await nginxBuild(binary);
  const moduleFile = streamModulePath(build);
  const dir = await makeTempDir('bench-nginx');
  const port = await freePort();
  const workers = Math.max(2, Math.ceil((clients * 2) / 12_000));
  const config = renderNginxStreamConfig({
    upstreams,
    listen: { host: '127.0.0.1', port },
    balance: 'round-robin',
    ...(moduleFile ? { streamModulePath: moduleFile } : {}),
    daemon: false,
    masterProcess: true,
    workerProcesses: workers,
    workerConnections: 19_000,
    pidPath: path.join(dir.path, 'nginx.pid'),
    errorLog: path.join(dir.path, 'error.log'),
    errorLogLevel: 'error',
  });
  const configPath = path.join(dir.path, 'nginx.conf');
  await writeFile(configPath, config);
  const proc = spawnManaged(binary, ['-p', `${dir.path}/`, '-c', configPath, '-e', path.join(dir.path, 'error.log')], { name: 'bench-nginx' });
  await waitForPort(port);
  return {
    port,
    proc,
    async stop() {
      await proc.stop();
      await dir.remove();
    },
  };
}

export async function startBenchStack(options: { corals: number; mode: string; clients: number }): Promise<BenchStack> {
  const redisServer = await startRedis({ args: ['--maxclients', '10000'] });
  const redis = createRedis(redisServer.url);
  const keys = generateTicketKeyPair();
  const corals: ServiceHandle[] = [];
  const stopAll = async () => {
    await Promise.all(corals.map((c) => c.stop().catch(() => undefined)));
    await closeRedis(redis);
    await redisServer.stop();
  };
  try {
    const ports: number[] = [];
    const internalPorts: number[] = [];
    for (let i = 0; i < options.corals; i++) ports.push(await freePort());
    for (let i = 0; i < options.corals; i++) internalPorts.push(await freePort());
    await Promise.all(
      ports.map(async (port, i) => {
        corals[i] = await spawnService({
          entry: CORAL_ENTRY,
          name: `coral-${i + 1}`,
          cwd: REPO_ROOT,
          env: {
            PORT: String(port),
            HOST: '127.0.0.1',
            INTERNAL_PORT: String(internalPorts[i]),
            REDIS_URL: redisServer.url,
            CORAL_ID: `coral-${i + 1}`,
            MODES: options.mode,
            FLEET_KEY: BENCH_FLEET_KEY,
            TICKET_PRIVATE_KEY: Buffer.from(keys.privateKeyPem).toString('base64'),
            TICKET_PUBLIC_KEY: Buffer.from(keys.publicKeyPem).toString('base64'),
            // BENCH_CORAL_LOG=<dir>: each Coral logs at debug level (matchmaker ticks among it) to <dir>/coral-N.log.
            LOG_LEVEL: process.env.BENCH_CORAL_LOG ? 'debug' : 'warn',
            NODE_ENV: 'production',
            // BENCH_CORAL_ENV="K=V K2=V2": extra environment for the Corals (experiments with their settings).
            ...Object.fromEntries(
              (process.env.BENCH_CORAL_ENV?.split(/\s+/).filter(Boolean) ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
            ),
          },
          readyLine: /CORAL_READY /,
          ...(process.env.BENCH_CORAL_LOG ? { onLine: coralLogWriter(process.env.BENCH_CORAL_LOG, `coral-${i + 1}`) } : {}),
          readyTimeoutMs: 60_000,
          // A larger young generation: Coral allocates many short-lived objects per message and
          // the default 16 MiB semi-space makes scavenges a fifth of its CPU (docs/coral.md).
          // BENCH_CORAL_PROF=<dir>: an inspector port, for a profile of the measured window (profiler.ts).
          nodeArgs: [
            '--max-semi-space-size=64',
            // BENCH_CORAL_NODE_ARGS="...": extra Node flags for the Corals (experiments).
            ...(process.env.BENCH_CORAL_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
            ...(process.env.BENCH_CORAL_PROF ? ['--inspect=127.0.0.1:0'] : []),
            ...(process.env.BENCH_CORAL_WHOLE_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CORAL_WHOLE_PROF}`] : []),
          ],
        });
      }),
    );
    const nginx = await startBigNginx(ports, options.clients);
    return {
      redisServer,
      redis,
      coralPorts: internalPorts,
      corals,
      wsUrl: `ws://127.0.0.1:${nginx.port}`,
      keys,
      nginxPids: () => processGroupMembers(nginx.proc.pid),
      async stop() {
        await nginx.stop().catch(() => undefined);
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Appends a Coral's output lines to `<dir>/<name>.log` (BENCH_CORAL_LOG). */
function coralLogWriter(dir: string, name: string): (line: string) => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.log`);
  return (line) => appendFileSync(file, `${line}\n`);
}
