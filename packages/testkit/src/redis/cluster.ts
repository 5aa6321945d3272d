import { requireBinary, type BinaryLookupOptions } from '../binaries.js';
import { freePort } from '../ports.js';
import { describeExit, spawnManaged, type ManagedProcess } from '../processes.js';
import { makeTempDir, type TempDir } from '../tempdir.js';
import { parseInfo, redisCommand } from './resp.js';
import { baseRedisArgs, waitForRedis } from './server.js';
import { redisServerVersion } from './version.js';

export const CLUSTER_SLOTS = 16_384;

export interface RedisClusterNode {
  readonly host: string;
  readonly port: number;
}

export interface RedisClusterHandle {
  readonly nodes: readonly RedisClusterNode[];
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,...`: what createRedis in @glaceon/store takes. */
  readonly url: string;
  /** The one temp folder holding every node's nodes-<port>.conf. */
  readonly dir: string;
  readonly processes: readonly ManagedProcess[];
  /** The process serving `port` (e.g. to SIGKILL a master in a failover test). */
  processOf(port: number): ManagedProcess | undefined;
  /** Who is master of what right now, as a live node sees it (`CLUSTER NODES`). */
  topology(): Promise<ClusterTopology>;
  /** Stop every node and remove the folder; idempotent. */
  stop(): Promise<void>;
}

export interface ClusterTopology {
  /** Masters that own slots and are not flagged failed, with the ports of their replicas. */
  readonly masters: readonly { readonly port: number; readonly replicas: readonly number[]; readonly slots: readonly (readonly [number, number])[] }[];
  /** Nodes flagged `fail` (dead) by the cluster. */
  readonly failed: readonly number[];
}

export interface StartRedisClusterOptions extends BinaryLookupOptions {
  /** Number of masters, each owning an even share of the slots (default 3, minimum 3). */
  masters?: number;
  /**
   * Replicas per master (default 0). With 1, killing a master makes the cluster promote
   * its replica after `nodeTimeoutMs` (failover tests); replication is asynchronous.
   */
  replicasPerMaster?: number;
  /** cluster-node-timeout in ms (default 5000): how long before a dead node is flagged failed. */
  nodeTimeoutMs?: number;
  /** Extra redis-server arguments for every node. */
  args?: string[];
  /** Budget for the whole bring-up, per attempt (default 30 s). */
  readyTimeoutMs?: number;
}

interface StartedNode {
  readonly port: number;
  readonly proc: ManagedProcess;
}

/** The ports a node needs: its client port and (Redis >= 7) an explicit cluster-bus port. */
async function clusterPorts(explicitBus: boolean): Promise<{ port: number; busPort?: number }> {
  if (explicitBus) {
    const port = await freePort();
    let busPort = await freePort();
    while (busPort === port) busPort = await freePort();
    return { port, busPort };
  }
  // Redis < 7 always uses port + 10000 for the bus: pick a port that leaves room for it.
  for (;;) {
    const port = await freePort();
    if (port + 10_000 <= 65_535) return { port };
  }
}

async function startNode(binary: string, dir: string, explicitBus: boolean, options: StartRedisClusterOptions, deadline: number): Promise<StartedNode> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { port, busPort } = await clusterPorts(explicitBus);
    const args = [
      ...(await baseRedisArgs(binary, port, dir)),
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      `nodes-${port}.conf`,
      '--cluster-node-timeout',
      String(options.nodeTimeoutMs ?? 5000),
      ...(busPort !== undefined ? ['--cluster-port', String(busPort)] : []),
      ...(options.args ?? []),
    ];
    const proc = spawnManaged(binary, args, { name: `redis-server:${port} (cluster)` });
    try {
      await waitForRedis(port, proc, Math.max(1000, deadline - Date.now()));
      return { port, proc };
    } catch (error) {
      // Most likely a port race with another test: try fresh ports.
      lastError = error;
      await proc.stop();
    }
  }
  throw lastError;
}

async function createCluster(nodes: readonly StartedNode[], replicas: number, options: StartRedisClusterOptions, deadline: number): Promise<void> {
  const cli = requireBinary('redis-cli', options);
  const proc = spawnManaged(
    cli,
    ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', String(replicas), '--cluster-yes'],
    {
      name: 'redis-cli --cluster create',
    },
  );
  const timer = setTimeout(() => proc.kill('SIGKILL'), Math.max(1000, deadline - Date.now()));
  const exit = await proc.closed;
  clearTimeout(timer);
  if (exit.code !== 0) throw new Error(`redis-cli --cluster create failed (${describeExit(exit)}):\n${proc.output()}`);
}

/** Why a node is not ready yet, or undefined when it reports a healthy, fully covered cluster. */
async function nodeProblem(port: number, total: number): Promise<string | undefined> {
  try {
    const reply = await redisCommand(port, ['CLUSTER', 'INFO']);
    const info = parseInfo(typeof reply === 'string' ? reply : '');
    if (info.cluster_state !== 'ok') return `cluster_state:${info.cluster_state ?? '?'}`;
    if (Number(info.cluster_slots_ok) !== CLUSTER_SLOTS) return `cluster_slots_ok:${info.cluster_slots_ok ?? '?'}`;
    if (Number(info.cluster_known_nodes) !== total) return `cluster_known_nodes:${info.cluster_known_nodes ?? '?'}`;
    // A replica counts once its initial sync is done (else a failover would promote an empty node).
    const replication = parseInfo(String(await redisCommand(port, ['INFO', 'replication'])));
    if (replication.role === 'slave' && replication.master_link_status !== 'up') return `master_link_status:${replication.master_link_status ?? '?'}`;
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function waitForClusterOk(nodes: readonly StartedNode[], deadline: number): Promise<void> {
  for (;;) {
    const problems = await Promise.all(nodes.map(async (node) => ({ port: node.port, problem: await nodeProblem(node.port, nodes.length) })));
    const bad = problems.filter((p) => p.problem !== undefined);
    if (bad.length === 0) return;
    if (Date.now() > deadline) throw new Error(`Redis Cluster not ready: ${bad.map((p) => `${p.port}: ${p.problem}`).join('; ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startClusterOnce(binary: string, options: StartRedisClusterOptions): Promise<RedisClusterHandle> {
  const masters = options.masters ?? 3;
  const replicas = options.replicasPerMaster ?? 0;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  const [major] = await redisServerVersion(binary);
  const dir = await makeTempDir('cluster');
  const started: StartedNode[] = [];
  const stopAll = async () => {
    await Promise.all(started.map((node) => node.proc.stop()));
    await dir.remove();
  };
  try {
    const results = await Promise.allSettled(
      Array.from({ length: masters * (1 + replicas) }, () => startNode(binary, dir.path, major >= 7, options, deadline)),
    );
    for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    await createCluster(started, replicas, options, deadline);
    await waitForClusterOk(started, deadline);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return clusterHandle(started, dir, stopAll);
}

function clusterHandle(started: readonly StartedNode[], dir: TempDir, stopAll: () => Promise<void>): RedisClusterHandle {
  const nodes = started.map((node) => ({ host: '127.0.0.1', port: node.port }));
  let stopping: Promise<void> | undefined;
  return {
    nodes,
    url: `redis+cluster://${nodes.map((node) => `${node.host}:${node.port}`).join(',')}`,
    dir: dir.path,
    processes: started.map((node) => node.proc),
    processOf: (port) => started.find((node) => node.port === port)?.proc,
    async topology() {
      let lastError: unknown;
      for (const node of started) {
        if (!node.proc.alive()) continue;
        try {
          return parseClusterNodes(String(await redisCommand(node.port, ['CLUSTER', 'NODES'])));
        } catch (error) {
          lastError = error;
        }
      }
      throw new Error(`no live cluster node answered CLUSTER NODES: ${String(lastError)}`);
    },
    stop() {
      stopping ??= stopAll();
      return stopping;
    },
  };
}

/** `CLUSTER NODES` lines: `<id> <ip:port@bus> <flags> <master id|-> <ping> <pong> <epoch> <link> <slots...>`. */
export function parseClusterNodes(text: string): ClusterTopology {
  const rows = text
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((f) => f.length >= 8)
    .map((f) => ({ id: f[0]!, port: Number(f[1]!.split('@')[0]!.split(':').pop()), flags: f[2]!.split(','), masterId: f[3]!, slots: f.slice(8) }));
  const failed = rows.filter((r) => r.flags.includes('fail')).map((r) => r.port);
  const masters = rows
    .filter((r) => r.flags.includes('master') && !r.flags.includes('fail') && r.slots.length > 0)
    .map((m) => ({
      port: m.port,
      replicas: rows.filter((r) => r.masterId === m.id && !r.flags.includes('fail')).map((r) => r.port),
      // Ranges `a-b` or single slots; `[a->-b]` / `[a-<-b]` are migrations in flight.
      slots: m.slots
        .filter((x) => !x.startsWith('['))
        .map((x) => {
          const [a, b] = x.split('-').map(Number);
          return [a!, b ?? a!] as const;
        }),
    }));
  return { masters, failed };
}

/** The master port that owns `slot` in `topology`, if any. */
export function masterOfSlot(topology: ClusterTopology, slot: number): number | undefined {
  return topology.masters.find((m) => m.slots.some(([a, b]) => slot >= a && slot <= b))?.port;
}

/**
 * Start a Redis Cluster of `masters` redis-server processes (and `replicasPerMaster` replicas each) on free
 * loopback ports in one temp folder, join it with `redis-cli --cluster create` and
 * resolve once every node reports cluster_state:ok with all 16384 slots covered.
 */
export async function startRedisCluster(options: StartRedisClusterOptions = {}): Promise<RedisClusterHandle> {
  const masters = options.masters ?? 3;
  if (!Number.isInteger(masters) || masters < 3) throw new RangeError(`A Redis Cluster needs at least 3 masters, got ${masters}`);
  const replicas = options.replicasPerMaster ?? 0;
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > 2) throw new RangeError(`replicasPerMaster must be 0, 1 or 2, got ${replicas}`);
  const binary = requireBinary('redis-server', options);
  requireBinary('redis-cli', options);
  let lastError: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await startClusterOnce(binary, options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
