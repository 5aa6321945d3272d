/**
 * The chaos soak: the whole stack (devstack) under simulated players while faults
 * are injected on a schedule drawn from the seed, then an outside checker reads
 * the players' observations and Realm's view of every lobby (Redis, through the
 * public API) and reports the invariants as one JSON object.
 */
import { createWriteStream } from 'node:fs';
import { startStack, type ServiceHandle, type Stack } from '@glaceon/devstack';
import { redisCommand, seededRandom } from '@glaceon/testkit';
import { replayCommand, type ChaosArgs } from './args.js';
import { SimPlayer, type Observation, type ReadyAnswer } from './player.js';

/** Service timings for the soak: short enough that minutes hold many cycles. */
export const TIMINGS = { acceptTimeoutMs: 6000, graceMs: 5000, sweepMs: 500, leaseTtlMs: 2000, gameLengthMs: 4000, keepAliveMs: 5000 };

export type FaultKind = 'kill-restart' | 'stop-cont' | 'client-kill' | 'failover';

interface FaultRecord {
  kind: FaultKind;
  target: string;
  start: number;
  end: number;
}

export interface ChaosResult {
  duration: number;
  players: number;
  /** Sign-ups refused while the Realm they tried was down (retried on another). */
  playerStartFailures: number;
  playerStartFailureReasons: Record<string, number>;
  matches: number;
  faults: Record<FaultKind, number>;
  reconnects: number;
  doubleMatched: number;
  leftTwice: number;
  stranded: number;
  stuck: number;
  unendedGames: number;
  maxRecoveryMs: number;
  seed: number;
  replay: string;
  violations: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runChaos(args: ChaosArgs, note: (line: string) => void = () => undefined): Promise<ChaosResult> {
  const rng = seededRandom(args.seed);
  // Players and faults draw from separate streams, so a slower machine (more or fewer
  // players by the time a fault fires) still replays the same fault schedule.
  const faultRng = seededRandom(args.seed ^ 0x5f3759df);
  const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const started = Date.now();
  note(
    `starting the stack (${args.corals} Corals, ${args.realms} Realms, ${args.moonstones} Moonstones, ${args.cluster ? 'Redis Cluster with replicas' : 'one Redis'})`,
  );
  const serviceLog = args.serviceLog ? createWriteStream(args.serviceLog) : undefined;
  // Investigating a finding needs the services' own account of it; a normal soak keeps quiet.
  const logLevel = serviceLog ? 'info' : 'warn';
  const stack: Stack = await startStack({
    ...(serviceLog ? { onOutput: (service: string, line: string) => serviceLog.write(`${new Date().toISOString()} ${service} ${line}\n`) } : {}),
    corals: args.corals,
    realms: args.realms,
    moonstones: args.moonstones,
    gameLengthMs: TIMINGS.gameLengthMs,
    ...(args.cluster ? { cluster: { replicasPerMaster: 1, nodeTimeoutMs: 1000 } } : {}),
    extraEnv: {
      coral: {
        ACCEPT_TIMEOUT_MS: String(TIMINGS.acceptTimeoutMs),
        GRACE_MS: String(TIMINGS.graceMs),
        SWEEP_MS: String(TIMINGS.sweepMs),
        LEASE_TTL_MS: String(TIMINGS.leaseTtlMs),
        KEEPALIVE_MS: String(TIMINGS.keepAliveMs),
        RECONCILE_MS: '2000',
        HEARTBEAT_MS: '3000',
        LOG_LEVEL: logLevel,
      },
      realm: { LOG_LEVEL: logLevel },
      moonstone: { NOSHOW_TIMEOUT_MS: '5000', LOG_LEVEL: logLevel },
    },
  });
  const log: Observation[] = [];
  const players: SimPlayer[] = [];
  const active = new Set<SimPlayer>();
  const faults: FaultRecord[] = [];
  const counts: Record<FaultKind, number> = { 'kill-restart': 0, 'stop-cont': 0, 'client-kill': 0, failover: 0 };
  let reconnects = 0;
  let startFailures = 0;
  const failureReasons = new Map<string, number>();
  const deadline = Date.now() + args.minutes * 60_000;
  let stopping = false;

  async function newPlayer(): Promise<void> {
    const roll = rng();
    const policy = (): ReadyAnswer => {
      const r = rng();
      return r < 0.07 ? 'decline' : r < 0.12 ? 'ignore' : 'accept';
    };
    const games = 1 + Math.floor(roll * 3);
    for (let attempt = 0; attempt < 4; attempt++) {
      const realmUrl = stack.realmUrls[(Math.floor(roll * 1000) + attempt) % stack.realmUrls.length]!;
      const player = new SimPlayer({
        realmUrl,
        answer: policy,
        games,
        requeueDelayMs: () => 100 + Math.floor(rng() * 400),
        observe: (o) => log.push(o),
        trace: serviceLog !== undefined,
      });
      try {
        await player.start();
        players.push(player);
        active.add(player);
        void player.done.then(() => {
          active.delete(player);
          player.drain();
        });
        return;
      } catch (error) {
        player.stop();
        startFailures++;
        const reason = String(error).slice(0, 120);
        failureReasons.set(reason, (failureReasons.get(reason) ?? 0) + 1);
        if (startFailures <= 5) note(`a player could not sign up on ${realmUrl} (retrying elsewhere): ${reason}`);
        await sleep(300);
      }
    }
  }

  const arrivals = (async () => {
    while (!stopping && Date.now() < deadline) {
      // At most 60 players at once: the machine is shared, and a bigger crowd adds nothing the rate does not.
      if (active.size < 60) void newPlayer();
      for (const p of [...active]) {
        if (rng() < 0.01) {
          reconnects++;
          void p.reconnect();
        }
      }
      await sleep(1000 / args.rate);
    }
  })();

  const services = (): ServiceHandle[] => [...stack.corals, ...stack.realms, ...stack.moonstones];
  const redisPorts = async (): Promise<number[]> =>
    stack.redisCluster ? (await stack.redisCluster.topology()).masters.map((m) => m.port) : [Number(new URL(stack.redisUrl).port)];

  async function inject(kind: FaultKind): Promise<FaultRecord | undefined> {
    const start = Date.now();
    switch (kind) {
      case 'kill-restart': {
        const victim = pick(faultRng, services());
        const down = 500 + Math.floor(faultRng() * 2500);
        victim.process.kill('SIGKILL');
        await victim.process.exited;
        await sleep(down);
        await victim.restart();
        return { kind, target: victim.name, start, end: Date.now() };
      }
      case 'stop-cont': {
        const victim = pick(faultRng, stack.corals);
        const pause = TIMINGS.leaseTtlMs + 500 + Math.floor(faultRng() * 2000);
        victim.process.kill('SIGSTOP');
        await sleep(pause);
        victim.process.kill('SIGCONT');
        return { kind, target: victim.name, start, end: Date.now() };
      }
      case 'client-kill': {
        const port = pick(faultRng, await redisPorts());
        const type = faultRng() < 0.5 ? 'normal' : 'pubsub';
        await redisCommand(port, ['CLIENT', 'KILL', 'TYPE', type]);
        return { kind, target: `redis:${port} ${type}`, start, end: Date.now() };
      }
      case 'failover': {
        const cluster = stack.redisCluster;
        if (!cluster) return undefined;
        const topology = await cluster.topology();
        const withReplica = topology.masters.filter((m) => m.replicas.length > 0);
        if (withReplica.length === 0) return undefined;
        const victim = pick(faultRng, withReplica);
        cluster.processOf(victim.port)?.kill('SIGKILL');
        const slot = victim.slots[0]![0];
        for (;;) {
          const now = await cluster.topology().catch(() => undefined);
          if (now?.masters.some((m) => m.port === victim.replicas[0] && m.slots.some(([a, b]) => slot >= a && slot <= b))) break;
          if (Date.now() - start > 30_000) throw new Error(`no promotion after killing redis:${victim.port}`);
          await sleep(100);
        }
        return { kind, target: `redis:${victim.port} -> ${victim.replicas[0]}`, start, end: Date.now() };
      }
    }
  }

  const faultLoop = (async () => {
    await sleep(3000);
    while (!stopping && Date.now() < deadline - 5000) {
      const kinds: FaultKind[] = ['kill-restart', 'kill-restart', 'stop-cont', 'client-kill', ...(args.cluster ? (['failover'] as const) : [])];
      const kind = pick(faultRng, kinds);
      try {
        const record = await inject(kind);
        if (record) {
          faults.push(record);
          counts[record.kind]++;
          note(`fault ${faults.length}: ${record.kind} ${record.target} (${record.end - record.start} ms)`);
        }
      } catch (error) {
        note(`fault ${kind} failed to inject: ${String(error)}`);
      }
      await sleep(args.faultEvery * 1000 * (0.5 + faultRng()));
    }
  })();

  await arrivals;
  stopping = true;
  await faultLoop;
  note(`draining ${players.length} players (no new queueing; waiting lobbies cancel)`);
  for (const p of players) p.drain();
  // Ready checks resolve by the accept timeout; games end by their length; a lobby hit by a
  // fault is repaired within the grace plus two sweeps. Then cancel whatever still waits.
  const settleMs = TIMINGS.acceptTimeoutMs + TIMINGS.gameLengthMs + TIMINGS.graceMs + 2 * TIMINGS.sweepMs + 5000;
  await sleep(settleMs);
  await Promise.all(players.map((p) => p.cancel()));
  await sleep(2 * TIMINGS.sweepMs + 1000);

  // --- the outside checker ---
  const violations: string[] = [];
  const byPlayer = new Map<string, Observation[]>();
  for (const o of log) byPlayer.set(o.player, [...(byPlayer.get(o.player) ?? []), o]);

  // A game is over for a player at its `game.ended`, or when the player's lobby is seen idle
  // after the game began (the lobby state is the truth; a `game.ended` push can be missed while
  // the socket reconnects, and a lost server's games end by the fleet sweep).
  const endOf = (p: SimPlayer, g: { readyAt: number; endedAt?: number }): number | undefined =>
    g.endedAt ?? byPlayer.get(p.id)?.find((o) => o.kind === 'idle' && o.at >= g.readyAt)?.at;
  let doubleMatched = 0;
  const gameOfPrematch = new Map<string, string>();
  for (const p of players) {
    const games = [...p.games.entries()].sort((a, b) => a[1].readyAt - b[1].readyAt);
    for (let i = 1; i < games.length; i++) {
      const prevEnd = endOf(p, games[i - 1]![1]);
      if (prevEnd === undefined || prevEnd > games[i]![1].readyAt) {
        doubleMatched++;
        violations.push(`${p.id} in two games at once: ${games[i - 1]![0]} and ${games[i]![0]}`);
      }
    }
  }
  for (const o of log) {
    if (o.kind !== 'ready' || !o.detail) continue;
    const seen = gameOfPrematch.get(o.detail);
    if (seen && seen !== o.id) {
      doubleMatched++;
      violations.push(`prematch ${o.detail} became two games: ${seen} and ${o.id}`);
    }
    gameOfPrematch.set(o.detail, o.id!);
  }

  let stranded = 0;
  let leftTwice = 0;
  const bound = TIMINGS.graceMs + 2 * TIMINGS.sweepMs;
  for (const [player, obs] of byPlayer) {
    for (const found of obs.filter((o) => o.kind === 'found')) {
      const after = obs.filter((o) => o.at >= found.at);
      const exits = after.filter((o) => (o.kind === 'ready' && o.detail === found.id) || (o.kind === 'cancelled' && o.id === found.id));
      const resolution = exits[0] ?? after.find((o) => o.kind === 'idle');
      const faultBefore = Math.max(0, ...faults.filter((f) => f.start <= (resolution?.at ?? Date.now())).map((f) => f.end));
      const allowed = Math.max(found.at + TIMINGS.acceptTimeoutMs, faultBefore) + bound + 1000;
      if (!resolution || resolution.at > allowed) {
        stranded++;
        violations.push(`${player}: ready check ${found.id} ${resolution ? `settled ${resolution.at - allowed} ms late` : 'never settled'}`);
      }
      const readies = exits.filter((o) => o.kind === 'ready').length;
      const finalCancels = exits.filter((o) => o.kind === 'cancelled' && !o.detail?.endsWith('requeued')).length;
      if (readies > 0 && finalCancels > 0) {
        leftTwice++;
        violations.push(`${player}: ready check ${found.id} both became a game and was cancelled`);
      }
    }
  }

  let unendedGames = 0;
  for (const p of players) {
    for (const [gameId, g] of p.games) {
      if (endOf(p, g) !== undefined) continue;
      unendedGames++;
      violations.push(`${p.id}: game ${gameId} never ended`);
    }
  }
  let stuck = 0;
  for (const p of players) {
    const state = await p.lobbyState().catch((e: Error) => `unreadable (${e.message})`);
    if (state !== 'idle') {
      stuck++;
      violations.push(`${p.id}: lobby ${p.lobbyId} is ${state} at the end`);
    }
  }

  // Recovery: after each fault, how long until a game started again.
  let maxRecoveryMs = 0;
  const readyTimes = log.filter((o) => o.kind === 'ready').map((o) => o.at);
  for (const f of faults) {
    const next = readyTimes.find((t) => t >= f.end);
    if (next !== undefined) maxRecoveryMs = Math.max(maxRecoveryMs, next - f.end);
  }

  for (const p of players) p.stop();
  await stack.stop();
  if (serviceLog) {
    for (const o of log) serviceLog.write(`${new Date(o.at).toISOString()} observed ${JSON.stringify(o)}\n`);
    for (const f of faults) serviceLog.write(`${new Date(f.start).toISOString()} fault ${JSON.stringify(f)}\n`);
    await new Promise<void>((resolve) => serviceLog.end(resolve));
  }
  const matches = new Set(log.filter((o) => o.kind === 'ready').map((o) => o.id)).size;
  return {
    duration: Math.round((Date.now() - started) / 1000),
    players: players.length,
    playerStartFailures: startFailures,
    playerStartFailureReasons: Object.fromEntries([...failureReasons].sort((a, b) => b[1] - a[1]).slice(0, 3)),
    matches,
    faults: counts,
    reconnects,
    doubleMatched,
    leftTwice,
    stranded,
    stuck,
    unendedGames: unendedGames,
    maxRecoveryMs,
    seed: args.seed,
    replay: replayCommand(args),
    violations: violations.slice(0, 50),
  };
}
