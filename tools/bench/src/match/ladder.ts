/**
 * The ladder form of the matchmaking benchmark (issue #13): steps of open-loop Poisson
 * arrivals at fixed offered rates against one whole stack (Redis, Corals, nginx and real
 * reference Moonstones from apps/moonstone, so game ends and their reports are part of the
 * load), servers pinned to one CPU and the simulated players to another (taskset). Per step:
 * offered rate, matched/issued, errors, busy refusals, p50/p99 of match.found and game.ready,
 * whole-stack CPU ms per player (every server process's /proc/<pid>/stat), games ended
 * server_lost. The caller prints one JSON object with maxSustainablePlayersPerSec: the highest
 * step with >= 99% matched, 0 errors and game.ready p99 <= 2 s.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { queuesFromEnv } from '@glaceon/protocol/node';
import { fleetServerKey } from '@glaceon/protocol/node';
import { getFleetGame, getPlayerMatchView, listFleetServers } from '@glaceon/store';
import { spawnManaged, type ManagedProcess } from '@glaceon/testkit';
import type { BenchArgs } from './args.js';
import type { PlayerResult, ToWorker } from './messages.js';
import { assignLatencies, createPopulation } from './population.js';
import { profileDir, startWindowProfile } from './profiler.js';
import { gamesOfPlayers, poissonOffsets, regionReport, request, startWorker, withRegionsFile, type Worker } from './run.js';
import { BENCH_FLEET_KEY, REPO_ROOT, startBenchStack, type BenchStack } from './stack.js';
import { cpuMs, p50p99 } from './stats.js';

const MOONSTONE = fileURLToPath(new URL('../../../../apps/moonstone/src/main.ts', import.meta.url));
const log = (msg: string) => process.stderr.write(`[ladder] ${msg}\n`);
/** Ephemeral ports per (source address, destination): keep well below the ~28,000 of the default range. */
const SOCKETS_PER_SOURCE = 20_000;
/** Opening a step's sockets ahead must not take longer than this (a stuck connect fails the run with a message). */
const CONNECT_TIMEOUT_MS = 240_000;

export interface LadderStep {
  offeredPerSec: number;
  /** The unmeasured warm-up step (JIT and pools warm), left out of `maxSustainablePlayersPerSec`. */
  warmup?: true;
  /** --regions: matches per region, highest member latency and time to match per region. */
  regions?: Record<string, unknown>;
  issued: number;
  matched: number;
  matchedRatio: number;
  matchedPerSec: number;
  errors: number;
  /** The errors by kind (`CODE: message`, ids removed); connection failures not included. */
  errorKinds: Record<string, number>;
  busyRefusals: number;
  toldBusy: number;
  /** Players whose lobby's queue.start heard nothing at all (no ack, no refusal, no typed error): Coraline's own timeouts. */
  unanswered: number;
  /** Still searching when the step ended (told by queue.status; e.g. a party without partners yet). */
  stillQueued: number;
  /** Had their match found but not yet `game.ready` when the step stopped (a game still being created). */
  awaitingGame: number;
  matchFoundMs: { p50: number; p99: number };
  gameReadyMs: { p50: number; p99: number };
  cpuMsPerPlayer: number | null;
  cpuMsByProcess: Record<string, number>;
  /**
   * Server CPU during the arrivals per second of wall time (1 = one core busy the whole time).
   * With the servers pinned to one core, near 1 says the step is at or past capacity: the
   * per-player figure then depends on how the work queued, not only on what it costs.
   */
  coreBusyDuringArrivals: number | null;
  /**
   * Redis commands per matched player over the step (INFO commandstats; a script's own calls
   * count too): a work figure that, unlike CPU time on a shared machine, repeats run to run.
   */
  redisCallsPerPlayer: { total: number; scripts: number; top: Record<string, number> } | null;
  gamesEndedServerLost: number;
  doubleMatched: number;
  stranded: number;
  loadAvg1: number;
  sustainable: boolean;
}

/** Calls per command so far (INFO commandstats), the INFO itself left out. */
async function redisCalls(redis: BenchStack['redis']): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const m of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (m[1] !== 'info') out.set(m[1]!, Number(m[2]));
  return out;
}

function callsPerPlayer(before: Map<string, number>, after: Map<string, number>, players: number): NonNullable<LadderStep['redisCallsPerPlayer']> {
  const per = (n: number) => Math.round((n / players) * 100) / 100;
  const diff = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v > 0);
  const total = diff.reduce((a, [, v]) => a + v, 0);
  const scripts = diff.filter(([k]) => k === 'evalsha' || k === 'eval').reduce((a, [, v]) => a + v, 0);
  const top = Object.fromEntries(
    diff
      .sort(([, a], [, b]) => b - a)
      .slice(0, 16)
      .map(([k, v]) => [k, per(v)]),
  );
  return { total: per(total), scripts: per(scripts), top };
}

/** The soft open-files limit of this process (children inherit it). */
function fdLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
  return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
}

/**
 * Fail before starting, with the numbers, instead of stalling on EMFILE half-way: each client
 * process holds its sockets, nginx two descriptors per socket over its workers, each Coral its
 * share plus headroom.
 */
export function checkFdLimits(options: { sockets: number; workers: number; corals: number; nginxWorkers: number; limit?: number }): void {
  const limit = options.limit ?? fdLimit();
  const need = [
    { who: 'each client process', n: Math.ceil(options.sockets / options.workers) + 100 },
    { who: 'each nginx worker', n: Math.ceil((options.sockets * 2) / options.nginxWorkers) + 100 },
    { who: 'each Coral', n: Math.ceil(options.sockets / options.corals) + 256 + 100 },
  ];
  const short = need.filter((x) => x.n > limit);
  if (short.length > 0) {
    throw new Error(
      `The file-descriptor limit (ulimit -n = ${limit}) is too low for ${options.sockets} sockets: ` +
        short.map((x) => `${x.who} needs ~${x.n}`).join(', ') +
        `. Raise it (ulimit -n 200000, or prlimit --nofile=200000 -p $$), use more --workers, or run a smaller ladder.`,
    );
  }
}

function pin(pids: readonly number[], cpu: string | undefined): void {
  if (cpu === undefined) return;
  for (const pid of pids) {
    try {
      // -a: every thread (Coral's matchmaker thread, libuv's pool, V8's helpers).
      execFileSync('taskset', ['-a', '-p', '-c', cpu, String(pid)], { stdio: 'ignore' });
    } catch {
      log(`could not pin ${pid} to CPU ${cpu}`);
    }
  }
}

/** `count` reference Moonstones registered through the Corals; `regions[i]` is the i-th one's REGION (default `local`). */
export async function startMoonstones(stack: BenchStack, count: number, capacity: number, regions?: readonly string[]): Promise<ManagedProcess[]> {
  const procs: ManagedProcess[] = [];
  for (let i = 0; i < count; i++) {
    const id = `ms_bench_${i + 1}`;
    procs.push(
      spawnManaged(
        process.execPath,
        [
          '--conditions=glaceon-source',
          '--import',
          'tsx',
          // BENCH_MOONSTONE_NODE_ARGS="...": extra Node flags for the Moonstones (experiments).
          ...(process.env.BENCH_MOONSTONE_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
          // BENCH_MOONSTONE_PROF=<dir>: a CPU profile of each Moonstone's whole run.
          ...(process.env.BENCH_MOONSTONE_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_MOONSTONE_PROF}`] : []),
          MOONSTONE,
        ],
        {
          name: id,
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            NODE_ENV: 'production',
            MOONSTONE_ID: id,
            PORT: '0',
            CONTROL_PORT: '0',
            CORAL_FLEET_URL: `http://127.0.0.1:${stack.coralPorts[i % stack.coralPorts.length]}`,
            FLEET_SERVER_KEY: fleetServerKey(BENCH_FLEET_KEY, id),
            CAPACITY: String(capacity),
            REGION: regions?.[i] ?? 'local',
            // Nobody launches Onyx in the bench: every game ends as a no-show report after this,
            // so game ends and their reports happen during the steps, as they would in production.
            NOSHOW_TIMEOUT_MS: process.env.BENCH_NOSHOW_MS ?? '2000',
            GAME_LENGTH_MS: '2000',
            LOG_LEVEL: 'warn',
          },
        },
      ),
    );
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    const servers = await listFleetServers(stack.redis);
    if (procs.every((p, i) => servers.some((s) => s.serverId === `ms_bench_${i + 1}`))) return procs;
    for (const p of procs) if (p.child.exitCode !== null) throw new Error(`a Moonstone exited:\n${p.output()}`);
    if (Date.now() > deadline) throw new Error('Moonstones did not register within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

type LadderArgs = BenchArgs & { ladder: number[]; warmup?: number; pinServers?: string; pinClients?: string; moonstones: number };

/**
 * The ladder; with `--regions N` the queue runs in N generated regions (one slot each, with a
 * latency matrix and at least one reference Moonstone per region), so the same steps measure
 * the partitioned queue against the single one (issue #14).
 */
export function runLadder(args: LadderArgs): Promise<Record<string, unknown>> {
  return withRegionsFile(args, (regions) => runLadderWith(args, regions));
}

async function runLadderWith(args: LadderArgs, regions: string[] | undefined): Promise<Record<string, unknown>> {
  const seconds = args.seconds ?? 10;
  // The same file the Corals read (GLACEON_QUEUES is inherited by every process the bench starts).
  const { catalog: queues } = queuesFromEnv();
  const queue = queues.get(args.mode);
  if (!queue) throw new Error(`--mode ${args.mode}: the queue configuration has only ${queues.ids.join(', ')} (set GLACEON_QUEUES to a file that adds it)`);
  const perMatch = queue.teams * queue.teamSize;
  const biggest = Math.max(...args.ladder, args.warmup ?? 0);
  const maxSockets = Math.ceil(biggest * seconds * 1.1 + 50);
  const workers = Math.max(args.workers, Math.ceil(maxSockets / 6000));
  const nginxWorkers = Math.max(2, Math.ceil((maxSockets * 2) / 12_000));
  checkFdLimits({ sockets: maxSockets, workers, corals: args.corals, nginxWorkers });
  const sources = Array.from({ length: Math.max(1, Math.ceil(maxSockets / SOCKETS_PER_SOURCE)) }, (_, i) => `127.0.0.${i + 1}`);
  pin([process.pid], args.pinClients);
  log(`stack: Redis, ${args.corals} Coral(s), nginx, ${args.moonstones} reference Moonstone(s); up to ${maxSockets} sockets from ${sources.join(', ')}`);
  const stack = await startBenchStack({ corals: args.corals, mode: args.mode, clients: maxSockets });
  const moonstoneCount = Math.max(args.moonstones, regions?.length ?? 0);
  const moonstones = await startMoonstones(
    stack,
    moonstoneCount,
    10_000,
    regions && Array.from({ length: moonstoneCount }, (_, i) => regions[i % regions.length] as string),
  ).catch(async (e: unknown) => {
    await stack.stop();
    throw e;
  });
  const serverPids = () => ({
    ...Object.fromEntries(stack.corals.map((c) => [c.name, c.pid])),
    redis: stack.redisServer.process.pid,
    ...Object.fromEntries(stack.nginxPids().map((p, i) => [`nginx-${i}`, p])),
    ...Object.fromEntries(moonstones.map((m, i) => [`moonstone-${i + 1}`, m.pid])),
  });
  pin(Object.values(serverPids()), args.pinServers);
  const steps: LadderStep[] = [];
  try {
    // A cold Coral spends its first seconds compiling (TurboFan) and growing pools: the first step
    // of a fresh stack measured 30-50% more CPU per player than the same rate a step later.
    const plan = [...(args.warmup ? [{ rate: args.warmup, warmup: true }] : []), ...args.ladder.map((rate) => ({ rate, warmup: false }))];
    for (const { rate, warmup } of plan) {
      const players = Math.ceil(rate * seconds * 1.1 + 50);
      const lobbies = await createPopulation(stack.redis, queues, args.mode, players, args.ratingSpread);
      const homeOf = regions ? assignLatencies(lobbies, regions, perMatch) : undefined;
      const ws: Worker[] = [];
      const n = Math.max(1, Math.ceil(players / 6000), args.workers);
      const shares = Array.from({ length: n }, () => [] as (typeof lobbies)[number]['players']);
      lobbies.forEach((l, i) => shares[i % n]!.push(...l.players));
      for (const share of shares) ws.push(startWorker(share));
      pin(
        ws.map((w) => w.child.pid as number),
        args.pinClients,
      );
      try {
        const connectStarted = Date.now();
        let connectTimer: NodeJS.Timeout | undefined;
        const connected = await Promise.race([
          Promise.all(
            ws.map((w) =>
              request(w, { type: 'init', wsUrl: stack.wsUrl, players: w.players, publicKeyPem: stack.keys.publicKeyPem, localAddresses: sources }, 'connected'),
            ),
          ),
          new Promise<never>((_, reject) => {
            connectTimer = setTimeout(
              () =>
                reject(
                  new Error(`step ${rate}/s: ${players} sockets not all connected within ${CONNECT_TIMEOUT_MS / 1000} s; giving up instead of waiting forever`),
                ),
              CONNECT_TIMEOUT_MS,
            );
          }),
        ]).finally(() => clearTimeout(connectTimer));
        log(`step ${rate}/s: ${players} sockets connected in ${((Date.now() - connectStarted) / 1000).toFixed(1)} s`);
        const connectFailures = connected.reduce((a, c) => a + c.failed, 0);
        const offsets = poissonOffsets(lobbies, rate, seconds);
        const issued = lobbies.filter((l) => offsets[l.lobbyId] !== undefined).reduce((a, l) => a + l.players.length, 0);
        const pids = serverPids();
        // BENCH_CORAL_PROF=<dir>: a profile of each Coral's main thread over this step's window.
        const profDir = profileDir();
        const profilers = profDir ? await Promise.all(stack.corals.map((c) => startWindowProfile(c.output()))) : [];
        const cpuNow = () => Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuMs(p)]));
        const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
        const before = cpuNow();
        const beforeAt = Date.now();
        let arrivalsBusy: number | null = null;
        const callsBefore = await redisCalls(stack.redis);
        const t0 = Date.now() + 200;
        log(`step ${rate}/s: ${issued} players over ${seconds} s (connected ${players - connectFailures}, failed ${connectFailures})`);
        for (const w of ws) w.child.send({ type: 'go', t0, offsets } satisfies ToWorker);
        // Wait: the arrivals, then until everyone is matched and every matched player's game has
        // ended, or nothing moved for 5 s (30 s at most). The games' ends are part of each player's
        // cost: a step that stopped the clock at the last game.ready left the last seconds' ends
        // (the games last 2 s) out of the CPU, by an amount that varied with the step's tail.
        const end = t0 + seconds * 1000;
        let last = -1;
        let lastMove = Date.now();
        for (;;) {
          await new Promise((r) => setTimeout(r, 250));
          const ready = ws.reduce((a, w) => a + w.progress.gameReady, 0);
          const ended = ws.reduce((a, w) => a + w.progress.gameEnded, 0);
          if (ready + ended !== last) {
            last = ready + ended;
            lastMove = Date.now();
          }
          if (Date.now() < end) continue;
          arrivalsBusy ??= Math.round(((total(cpuNow()) - total(before)) / Math.max(1, Date.now() - beforeAt)) * 100) / 100;
          if ((ready >= issued && ended >= ready) || Date.now() - lastMove > 5000 || Date.now() > end + 30_000) break;
        }
        const after = cpuNow();
        const callsAfter = await redisCalls(stack.redis);
        await Promise.all(profilers.map((p, i) => p.stop(`${profDir}/ladder-${rate}-coral-${i + 1}.cpuprofile`)));
        const cpuByProcess: Record<string, number> = {};
        for (const k of Object.keys(pids)) cpuByProcess[k] = (after[k] ?? 0) - (before[k] ?? 0);
        const results: PlayerResult[] = [];
        let errors = 0;
        const errorKinds: Record<string, number> = {};
        const frames: Record<string, number> = {};
        for (const w of ws) {
          const r = await request(w, { type: 'finish' }, 'result');
          for (const [k, v] of Object.entries(r.frames)) frames[k] = (frames[k] ?? 0) + v;
          results.push(...r.players);
          errors += r.errorCount;
          for (const [k, v] of Object.entries(r.errorKinds)) errorKinds[k] = (errorKinds[k] ?? 0) + v;
        }
        const arrived = results.filter((r) => r.queuedAt > 0);
        const matched = arrived.filter((r) => r.gameReadyAt > 0);
        const toldBusy = arrived.filter((r) => r.toldBusy && r.gameReadyAt === 0).length;
        // Matched, but the step stopped before their game was ready (their Coral tells them `game.pending`).
        const awaitingGame = arrived.filter((r) => r.matchFoundAt > 0 && r.gameReadyAt === 0 && !r.toldBusy).length;
        // A lobby whose queue.start heard nothing at all: no ack, no refusal, no typed error (errors count those too).
        const lobbyHeard = new Map<string, boolean>();
        for (const r of arrived)
          lobbyHeard.set(r.lobbyId, (lobbyHeard.get(r.lobbyId) ?? false) || r.queueAckAt > 0 || r.busyRefusals > 0 || r.queueRefusal !== '');
        const unanswered = arrived.filter((r) => !lobbyHeard.get(r.lobbyId)).length;
        const gameIds = new Set(results.flatMap((r) => r.gameIds));
        const byPlayer = await gamesOfPlayers(stack.redis, gameIds);
        const doubleMatched = results.filter((r) => r.gameIds.length > 1 || (byPlayer.get(r.playerId)?.size ?? 0) > 1).length;
        let serverLost = 0;
        for (const g of gameIds) if ((await getFleetGame(stack.redis, g))?.endReason === 'server_lost') serverLost++;
        let stranded = 0;
        let stillQueued = 0;
        const strandedSamples: string[] = [];
        for (const r of arrived) {
          const v = await getPlayerMatchView(stack.redis, r.playerId);
          if (v.state === 'queued') stillQueued++;
          if (!(v.state === 'queued' || v.state === 'idle' || (v.state === 'ingame' && v.game === 'ready'))) {
            stranded++;
            if (strandedSamples.length < 5)
              strandedSamples.push(`${r.playerId} ${JSON.stringify(v)} matchFound ${r.matchFoundAt > 0} gameReady ${r.gameReadyAt > 0}`);
          }
        }
        const cpu = total(cpuByProcess);
        const gameReadyMs = p50p99(matched.map((r) => r.gameReadyAt - r.queuedAt));
        const matchedRatio = issued > 0 ? matched.length / issued : 0;
        const perRegion = regions && homeOf ? await regionReport(stack.redis, results, lobbies, regions, homeOf, stack.coralPorts, args.mode) : undefined;
        const step: LadderStep = {
          offeredPerSec: rate,
          ...(warmup ? { warmup: true as const } : {}),
          ...(perRegion ? { regions: perRegion } : {}),
          issued,
          matched: matched.length,
          matchedRatio: Math.round(matchedRatio * 1000) / 1000,
          matchedPerSec: Math.round(matched.length / seconds),
          errors: errors + connectFailures,
          errorKinds,
          busyRefusals: arrived.reduce((a, r) => a + r.busyRefusals, 0),
          toldBusy,
          unanswered,
          stillQueued,
          awaitingGame,
          matchFoundMs: p50p99(arrived.filter((r) => r.matchFoundAt > 0).map((r) => r.matchFoundAt - r.queuedAt)),
          gameReadyMs,
          cpuMsPerPlayer: matched.length > 0 ? Math.round((cpu / matched.length) * 1000) / 1000 : null,
          cpuMsByProcess: cpuByProcess,
          coreBusyDuringArrivals: arrivalsBusy,
          redisCallsPerPlayer: matched.length > 0 ? callsPerPlayer(callsBefore, callsAfter, matched.length) : null,
          gamesEndedServerLost: serverLost,
          doubleMatched,
          stranded,
          loadAvg1: Math.round((loadavg()[0] ?? 0) * 10) / 10,
          sustainable: matchedRatio >= 0.99 && errors + connectFailures === 0 && unanswered === 0 && gameReadyMs.p99 <= 2000,
        };
        steps.push(step);
        log(
          `step ${rate}/s${warmup ? ' (warm-up, not measured)' : ''}: matched ${matched.length}/${issued} (${(matchedRatio * 100).toFixed(1)}%), errors ${step.errors}, busy ${step.busyRefusals} (told ${toldBusy}), ` +
            `unanswered ${unanswered}, still queued ${stillQueued}, awaiting their game ${awaitingGame}, match.found p50/p99 ${step.matchFoundMs.p50}/${step.matchFoundMs.p99} ms, game.ready p50/p99 ${gameReadyMs.p50}/${gameReadyMs.p99} ms, ` +
            `CPU ${step.cpuMsPerPlayer} ms/player (${Object.entries(cpuByProcess)
              .filter(([, v]) => v > 0)
              .map(([k, v]) => `${k} ${v}`)
              .join(
                ', ',
              )}), core busy ${arrivalsBusy === null ? '?' : Math.round(arrivalsBusy * 100)}% during arrivals, server_lost ${serverLost}, double ${doubleMatched}, stranded ${stranded}, load ${step.loadAvg1}${step.sustainable ? ' SUSTAINABLE' : ''}`,
        );
        if (step.redisCallsPerPlayer) {
          const { total, scripts, top } = step.redisCallsPerPlayer;
          log(
            `step ${rate}/s: Redis commands per player ${total} (scripts ${scripts}; ${Object.entries(top)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')})`,
          );
        }
        log(
          `step ${rate}/s: server events per issued player: ${Object.entries(frames)
            .sort(([, a], [, b]) => b - a)
            .map(([k, v]) => `${k} ${(v / Math.max(1, issued)).toFixed(2)}`)
            .join(', ')}`,
        );
        for (const [kind, n] of Object.entries(errorKinds)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5))
          log(`  client errors: ${n} x ${kind}`);
        for (const e of strandedSamples) log(`  stranded: ${e}`);
        if (perRegion)
          log(`step ${rate}/s: regions ${JSON.stringify({ matchesPerRegion: perRegion.matchesPerRegion, highestLatencyMs: perRegion.highestLatencyMs })}`);
        if (serverLost > 0) {
          // Who declared whom lost, and what the servers saw of their heartbeats.
          for (const c of stack.corals)
            log(
              `${c.name} (tail, lost servers):\n${c
                .output()
                .split('\n')
                .filter((l) => /lost|stall|grace/.test(l))
                .slice(-5)
                .join('\n')}`,
            );
          for (const [i, m] of moonstones.entries()) log(`moonstone-${i + 1} (tail):\n${m.output().split('\n').slice(-8).join('\n')}`);
        }
      } finally {
        for (const w of ws) w.child.send({ type: 'close' } satisfies ToWorker);
        await Promise.all(ws.map((w) => new Promise<void>((resolve) => (w.child.exitCode !== null ? resolve() : w.child.once('exit', () => resolve())))));
      }
      // Let the step's games end (no-show reports) before the next step measures.
      await new Promise((r) => setTimeout(r, 3000));
    }
  } finally {
    await Promise.all(moonstones.map((m) => m.stop().catch(() => undefined)));
    await stack.stop();
  }
  const sustainable = steps.filter((s) => s.sustainable && !s.warmup).map((s) => s.offeredPerSec);
  return {
    form: 'ladder',
    mode: args.mode,
    corals: args.corals,
    moonstones: moonstones.length,
    regions: regions ?? null,
    seconds,
    perMatch,
    pinServers: args.pinServers ?? null,
    pinClients: args.pinClients ?? null,
    sourceAddresses: sources,
    steps,
    maxSustainablePlayersPerSec: sustainable.length > 0 ? Math.max(...sustainable) : 0,
  };
}
