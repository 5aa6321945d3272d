import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fleetServerKey, generateTicketKeyPair, type TicketKeyPair } from '@glaceon/protocol/node';
import { closeRedis, createRedis, listFleetServers, type RedisClient } from '@glaceon/store';
import {
  freePort,
  spawnManaged,
  serviceCommand,
  spawnService,
  startNginxStream,
  startRedis,
  type ManagedProcess,
  type NginxStreamHandle,
  type RedisHandle,
  type ServiceHandle,
} from '@glaceon/testkit';

export const CORAL_ENTRY = fileURLToPath(new URL('../server.ts', import.meta.url));
export const REPO_ROOT = path.resolve(path.dirname(CORAL_ENTRY), '../../..');
export const TEST_FLEET_KEY = 'test-fleet-key-0123456789-abcdefghij';

export interface CoralProcess {
  index: number;
  coralId: string;
  port: number;
  /** The internal listener (fleet API, /metrics). */
  internalPort: number;
  proc: ServiceHandle;
}

export interface CoralStack {
  redisServer: RedisHandle;
  redis: RedisClient;
  corals: CoralProcess[];
  nginx: NginxStreamHandle;
  /** ws://127.0.0.1:<nginx port> */
  wsUrl: string;
  keys: TicketKeyPair;
  /** Start (again) the Coral at this index on its old port, e.g. after a kill. */
  restartCoral(index: number): Promise<CoralProcess>;
  stop(): Promise<void>;
}

export interface StackOptions {
  corals: number;
  /** Extra environment for every Coral (timers, modes). */
  env?: Record<string, string>;
}

/** Redis, N real Coral processes (server.ts), and nginx in stream mode in front of them. */
export async function startCoralStack(options: StackOptions): Promise<CoralStack> {
  const redisServer = await startRedis();
  const redis = createRedis(redisServer.url);
  const keys = generateTicketKeyPair();
  const ports: number[] = [];
  const internalPorts: number[] = [];
  for (let i = 0; i < options.corals; i++) ports.push(await freePort());
  for (let i = 0; i < options.corals; i++) internalPorts.push(await freePort());
  const corals: CoralProcess[] = [];

  const spawnCoral = async (index: number): Promise<CoralProcess> => {
    const coralId = `coral-${index + 1}`;
    const port = ports[index] as number;
    const internalPort = internalPorts[index] as number;
    const proc = await spawnService({
      entry: CORAL_ENTRY,
      name: coralId,
      cwd: REPO_ROOT,
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        INTERNAL_PORT: String(internalPort),
        REDIS_URL: redisServer.url,
        CORAL_ID: coralId,
        FLEET_KEY: TEST_FLEET_KEY,
        TICKET_PRIVATE_KEY: Buffer.from(keys.privateKeyPem).toString('base64'),
        TICKET_PUBLIC_KEY: Buffer.from(keys.publicKeyPem).toString('base64'),
        LOG_LEVEL: process.env.CORAL_TEST_LOG ?? 'warn',
        NODE_ENV: 'test',
        ...options.env,
      },
      readyLine: /CORAL_READY /,
      readyTimeoutMs: 30_000,
      stopGraceMs: 3000,
    });
    const coral = { index, coralId, port, internalPort, proc };
    corals[index] = coral;
    return coral;
  };

  try {
    await Promise.all(ports.map((_, i) => spawnCoral(i)));
    const nginx = await startNginxStream({ upstreams: ports, balance: 'round-robin', passiveHealth: { maxFails: 1, failTimeout: '1s' } });
    return {
      redisServer,
      redis,
      corals,
      nginx,
      wsUrl: nginx.wsUrl,
      keys,
      restartCoral: spawnCoral,
      async stop() {
        await nginx.stop().catch(() => undefined);
        await Promise.all(corals.map((c) => c?.proc.stop().catch(() => undefined)));
        await closeRedis(redis);
        await redisServer.stop();
      },
    };
  } catch (error) {
    await Promise.all(corals.map((c) => c?.proc.stop().catch(() => undefined)));
    await closeRedis(redis);
    await redisServer.stop();
    throw error;
  }
}

/** Poll until `check` returns a value (not undefined/false), or fail with `what` after timeoutMs. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const MOONSTONE_ENTRY = fileURLToPath(new URL('../../../moonstone/src/main.ts', import.meta.url));

/**
 * A real reference Moonstone (apps/moonstone) heartbeating through the stack's first Coral
 * (internal listener), with its derived credential; resolves once the fleet lists it.
 */
export async function startReferenceMoonstone(
  stack: CoralStack,
  options: { id: string; region?: string; capacity?: number; env?: Record<string, string> },
): Promise<ManagedProcess> {
  const { id } = options;
  const { command, args } = serviceCommand(MOONSTONE_ENTRY);
  const proc = spawnManaged(command, args, {
    env: {
      ...process.env,
      MOONSTONE_ID: id,
      PORT: '0',
      CONTROL_PORT: '0',
      CORAL_FLEET_URL: `http://127.0.0.1:${stack.corals[0]!.internalPort}`,
      FLEET_SERVER_KEY: fleetServerKey(TEST_FLEET_KEY, id),
      CAPACITY: String(options.capacity ?? 4),
      REGION: options.region ?? 'local',
      GLACEON_INSECURE_DEV: '1',
      ...options.env,
    },
  });
  try {
    await waitFor(
      `${id} registered`,
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`${id} exited:\n${proc.output()}`);
        return (await listFleetServers(stack.redis)).some((s) => s.serverId === id);
      },
      30_000,
    );
  } catch (error) {
    await proc.stop().catch(() => undefined);
    throw error;
  }
  return proc;
}
