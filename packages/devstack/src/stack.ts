import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { fleetServerKey, loadQueuesFile } from '@glaceon/protocol/node';
import {
  freePort,
  waitForPort,
  startNginxStream,
  startRedis,
  startRedisCluster,
  whichBinary,
  type ManagedProcess,
  type NginxStreamHandle,
  type RedisClusterHandle,
  type RedisHandle,
} from '@glaceon/testkit';
import { ENTRIES } from './paths.js';
import { startTsService, type ServiceHandle } from './service.js';

export interface StackOptions {
  /** Use this Redis instead of starting one. */
  redisUrl?: string;
  /** When the stack starts its own Redis: keep its data in this folder across restarts (default: throwaway). */
  redisDataDir?: string;
  /** Start a 3-master Redis Cluster (throwaway) instead of one node; `replicasPerMaster` 1 allows failovers. */
  cluster?: { replicasPerMaster?: number; nodeTimeoutMs?: number };
  /** Realm instances behind no balancer (default 1); `realmUrl` is the first, `realmUrls` all. */
  realms?: number;
  corals?: number;
  /** Reference Moonstones (default 2; at least one per region when the queue file has regions, REGION dealt round robin). */
  moonstones?: number;
  /** Put nginx in front of the Corals (default: when nginx is installed). */
  nginx?: boolean;
  /** Fixed ports (npm start prefers well-known ones); free ports otherwise. */
  ports?: { realm?: number; lb?: number };
  /**
   * Reference Moonstones. When the queue file lists regions: this many, at least one per region, dealt
   * round the regions (REGION set), the first of each region also serving the region's ping endpoint
   * on its pingUrl's port (127.0.0.1 only); otherwise this many in region `local` (default 2).
   */
  gameLengthMs?: number;
  /**
   * The queue configuration file given to every Realm and Coral (GLACEON_QUEUES); default: the
   * caller's GLACEON_QUEUES, else the shipped config/queues.yaml. Both services must read the same file.
   */
  queuesFile?: string;
  /** Browser origins allowed by Realm's CORS. */
  corsOrigins?: string[];
  extraEnv?: { realm?: Record<string, string>; coral?: Record<string, string>; moonstone?: Record<string, string> };
  onOutput?: (service: string, line: string) => void;
  notes?: (line: string) => void;
}

export interface Stack {
  readonly id: string;
  readonly redisUrl: string;
  readonly realmUrl: string;
  readonly realmUrls: readonly string[];
  /** The cluster the stack started (`cluster` option), for failover tests and chaos runs. */
  readonly redisCluster?: RedisClusterHandle;
  /** Where players connect (the load balancer, or the single Coral without nginx). */
  readonly coralUrl: string;
  readonly coralHttpUrl: string;
  /**
   * The Corals' internal listeners (fleet API, /metrics), in the order of `corals`. Never
   * behind the public load balancer; Moonstones reach them through an internal one.
   */
  readonly coralInternalUrls: string[];
  /** Where Moonstones send fleet requests (an internal load balancer over coralInternalUrls, or the single Coral's). */
  readonly fleetUrl: string;
  readonly corals: ServiceHandle[];
  readonly moonstones: ServiceHandle[];
  /** The ping endpoints started for the queue file's regions (empty without regions). */
  readonly pingEndpoints: readonly { region: string; url: string }[];
  readonly realm: ServiceHandle;
  readonly realms: ServiceHandle[];
  readonly usingNginx: boolean;
  readonly fleetKey: string;
  readonly ticketPublicKeyPem: string;
  /** Every process the stack started, for a supervisor (`npm start`) to watch. */
  readonly watched: readonly WatchedProcess[];
  stop(): Promise<void>;
}

export interface WatchedProcess {
  readonly name: string;
  /** The process running now (services get a new one when restarted). */
  current(): ManagedProcess;
  /** Present for the services that can simply be started again on the same port. */
  restart?: () => Promise<void>;
}

const watchService = (s: ServiceHandle): WatchedProcess => ({ name: s.name, current: () => s.process, restart: () => s.restart() });

const b64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const id = randomBytes(4).toString('hex');
  const note = options.notes ?? (() => {});
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => {});
  };
  try {
    let redis: RedisHandle | undefined;
    let redisCluster: RedisClusterHandle | undefined;
    let redisUrl = options.redisUrl;
    if (!redisUrl && options.cluster) {
      redisCluster = await startRedisCluster({ replicasPerMaster: options.cluster.replicasPerMaster ?? 0, nodeTimeoutMs: options.cluster.nodeTimeoutMs });
      started.push(redisCluster);
      redisUrl = redisCluster.url;
    } else if (!redisUrl) {
      redis = await startRedis(options.redisDataDir ? { dataDir: options.redisDataDir } : {});
      started.push(redis);
      redisUrl = redis.url;
    }

    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const ticketPublicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const ticketPrivateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const fleetKey = randomBytes(32).toString('base64url');

    const coralCount = options.corals ?? 2;
    const useNginx = (options.nginx ?? true) && whichBinary('nginx') !== undefined;
    if (!useNginx && coralCount > 1)
      note('nginx is not installed: starting one Coral, directly reachable (apt-get install nginx-light libnginx-mod-stream for the load-balanced setup).');
    const coralPorts = await Promise.all(Array.from({ length: useNginx ? coralCount : 1 }, () => freePort()));
    const internalPorts = await Promise.all(coralPorts.map(() => freePort()));
    const lbPort = useNginx ? (options.ports?.lb ?? (await freePort())) : coralPorts[0]!;
    const coralHttpUrl = `http://127.0.0.1:${lbPort}`;
    const coralUrl = `ws://127.0.0.1:${lbPort}/v1/play`;

    const realmCount = Math.max(1, options.realms ?? 1);
    const realmPorts = [options.ports?.realm ?? (await freePort())];
    // One queue file for Realm (what lobbies may pick, GET /v1/queues) and every Coral (what is matched).
    const queuesFile = options.queuesFile ?? process.env.GLACEON_QUEUES;
    const queuesEnv: Record<string, string> = queuesFile ? { GLACEON_QUEUES: path.resolve(queuesFile) } : {};
    while (realmPorts.length < realmCount) realmPorts.push(await freePort());
    // Each Realm's internal listener (/metrics): its own free loopback port, so stacks side by side never collide.
    const realmInternalPorts = await Promise.all(realmPorts.map(() => freePort()));
    const realms = await Promise.all(
      realmPorts.map((realmPort, i) =>
        startTsService({
          name: realmCount === 1 ? 'realm' : `realm-${i + 1}`,
          entry: ENTRIES.realm,
          port: realmPort,
          stackId: id,
          readyPath: '/readyz',
          onOutput: options.onOutput,
          env: {
            PORT: String(realmPort),
            HOST: '127.0.0.1',
            INTERNAL_PORT: String(realmInternalPorts[i]),
            REDIS_URL: redisUrl,
            CORAL_PUBLIC_URL: coralUrl,
            // The Electron renderer, and browser shells on whatever loopback port they got.
            CORS_ORIGINS: (options.corsOrigins ?? ['app://glaceon', 'http://127.0.0.1:*', 'http://localhost:*']).join(','),
            // Every local player (launchers, bots, e2e) shares one loopback address, so the
            // per-address limits are raised; the per-account sign-in limit stays as shipped.
            RL_REGISTER_MAX: '1000',
            RL_SIGNIN_MAX: '1000',
            RL_JOIN_MAX: '1000',
            RL_FRIEND_REQUEST_MAX: '1000',
            ...queuesEnv,
            ...options.extraEnv?.realm,
          },
        }),
      ),
    );
    started.push(...realms);
    const realm = realms[0]!;

    const corals = await Promise.all(
      coralPorts.map((port, i) =>
        startTsService({
          name: `coral-${i + 1}`,
          entry: ENTRIES.coral,
          port,
          stackId: id,
          readyPath: '/healthz',
          onOutput: options.onOutput,
          env: {
            PORT: String(port),
            HOST: '127.0.0.1',
            INTERNAL_PORT: String(internalPorts[i]),
            INTERNAL_HOST: '127.0.0.1',
            REDIS_URL: redisUrl!,
            CORAL_ID: `coral-${i + 1}`,
            FLEET_KEY: fleetKey,
            TICKET_PRIVATE_KEY: b64(ticketPrivateKeyPem),
            TICKET_PUBLIC_KEY: b64(ticketPublicKeyPem),
            ...queuesEnv,
            ...options.extraEnv?.coral,
          },
        }),
      ),
    );
    started.push(...corals);

    let lb: NginxStreamHandle | undefined;
    let internalLb: NginxStreamHandle | undefined;
    if (useNginx) {
      lb = await startNginxStream({ upstreams: coralPorts, listenPort: lbPort });
      started.push(lb);
      // A separate balancer for the fleet API, on its own loopback port: the public one never publishes it.
      internalLb = await startNginxStream({ upstreams: internalPorts });
      started.push(internalLb);
    }
    const fleetUrl = internalLb ? `http://127.0.0.1:${internalLb.port}` : `http://127.0.0.1:${internalPorts[0]}`;

    // Regions of the queue file (the same file Realm lists and Coral matches with): one set of
    // Moonstones per region, and the region's ping endpoint inside the first of them.
    const regions = regionPlan(queuesFile, note);
    const plan: { region: string; pingPort?: number }[] = regions.length
      ? Array.from({ length: Math.max(regions.length, options.moonstones ?? 0) }, (_, k) => {
          const r = regions[k % regions.length]!;
          return { region: r.id, ...(k < regions.length && r.pingPort ? { pingPort: r.pingPort } : {}) };
        })
      : Array.from({ length: options.moonstones ?? 2 }, () => ({ region: 'local' }));
    const moonstones: ServiceHandle[] = [];
    const pingEndpoints: { region: string; url: string }[] = [];
    for (const [i, slot] of plan.entries()) {
      const [port, controlPort] = [await freePort(), await freePort()];
      const ms = await startTsService({
        name: regions.length ? `moonstone-${i + 1}-${slot.region}` : `moonstone-${i + 1}`,
        entry: ENTRIES.moonstone,
        port,
        stackId: id,
        onOutput: options.onOutput,
        env: {
          MOONSTONE_ID: `ms_local${i + 1}`,
          PORT: String(port),
          CONTROL_PORT: String(controlPort),
          PUBLIC_ADDRESS: `127.0.0.1:${port}`,
          CORAL_FLEET_URL: fleetUrl,
          // Each server gets only its own credential, as an operator's provisioning tool would give it.
          FLEET_SERVER_KEY: fleetServerKey(fleetKey, `ms_local${i + 1}`),
          CAPACITY: '8',
          REGION: slot.region,
          GAME_LENGTH_MS: String(options.gameLengthMs ?? 15_000),
          ...(slot.pingPort ? { PING_PORT: String(slot.pingPort), PING_HOST: '127.0.0.1' } : {}),
          ...options.extraEnv?.moonstone,
        },
      });
      moonstones.push(ms);
      started.push(ms);
      if (slot.pingPort) {
        await waitForPort(slot.pingPort, '127.0.0.1', 30_000);
        pingEndpoints.push({ region: slot.region, url: `ws://127.0.0.1:${slot.pingPort}` });
      }
    }

    return {
      id,
      redisUrl,
      realmUrl: `http://127.0.0.1:${realmPorts[0]}`,
      realmUrls: realmPorts.map((p) => `http://127.0.0.1:${p}`),
      redisCluster,
      realms,
      coralUrl,
      coralHttpUrl,
      coralInternalUrls: internalPorts.map((p) => `http://127.0.0.1:${p}`),
      fleetUrl,
      corals,
      moonstones,
      pingEndpoints,
      realm,
      usingNginx: useNginx,
      fleetKey,
      ticketPublicKeyPem,
      watched: [
        ...(redis ? [{ name: 'redis', current: () => redis.process }] : []),
        ...realms.map(watchService),
        ...corals.map(watchService),
        ...(lb ? [{ name: 'nginx', current: () => lb.process }] : []),
        ...(internalLb ? [{ name: 'nginx-internal', current: () => internalLb.process }] : []),
        ...moonstones.map(watchService),
      ],
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The regions of the stack's queue file, with the loopback port of each ping endpoint to serve.
 * A pingUrl on another host is left alone (that region's endpoint is someone else's), as is a
 * region without one; the stack never listens beyond 127.0.0.1.
 */
export function regionPlan(queuesFile: string | undefined, note: (line: string) => void = () => {}): { id: string; pingPort?: number }[] {
  if (!queuesFile) return [];
  const catalog = loadQueuesFile(path.resolve(queuesFile));
  return catalog.regions.map((r) => {
    if (!r.pingUrl) return { id: r.id };
    const url = new URL(r.pingUrl);
    if (url.protocol !== 'ws:' || !['127.0.0.1', 'localhost'].includes(url.hostname) || !url.port) {
      note(`region ${r.id}: its ping endpoint ${r.pingUrl} is not a ws://127.0.0.1:<port> URL, so the stack does not start it.`);
      return { id: r.id };
    }
    return { id: r.id, pingPort: Number(url.port) };
  });
}
