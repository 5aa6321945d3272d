import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';
import { regionOfSlot, type QueueCatalog } from '@glaceon/protocol';
import { queuesFromEnv } from '@glaceon/protocol/node';
import { getGame, getGamePlayers, getPlayerMatchView, type RedisClient } from '@glaceon/store';
import { makeTempDir } from '@glaceon/testkit';
import type { BenchArgs } from './args.js';
import { startFleetStandIn } from './fleet-standin.js';
import type { FromWorker, PlayerResult, ToWorker } from './messages.js';
import { startMoonstones } from './ladder.js';
import { assignLatencies, createPopulation, type BenchLobby, type BenchPlayer } from './population.js';
import { profileDir, startWindowProfile } from './profiler.js';
import { cpuMs, p50p99 } from './stats.js';
import { BENCH_FLEET_KEY, REPO_ROOT, startBenchStack } from './stack.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

export interface Worker {
  child: ChildProcess;
  players: BenchPlayer[];
  progress: { gameReady: number; matchFound: number; gameEnded: number };
  /** Progress reports received so far (the idle rule needs fresh reports, not just silence). */
  reports: number;
  waiting: Map<FromWorker['type'], (m: FromWorker) => void>;
}

export function startWorker(players: BenchPlayer[]): Worker {
  const child = fork(WORKER, [], {
    cwd: REPO_ROOT,
    execArgv: [
      '--conditions=glaceon-source',
      '--import',
      'tsx',
      ...(process.env.BENCH_CLIENT_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CLIENT_PROF}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const w: Worker = { child, players, progress: { gameReady: 0, matchFound: 0, gameEnded: 0 }, reports: 0, waiting: new Map() };
  child.on('message', (m: FromWorker) => {
    if (m.type === 'progress') {
      w.progress = { gameReady: m.gameReady, matchFound: m.matchFound, gameEnded: m.gameEnded };
      w.reports++;
    }
    const waiter = w.waiting.get(m.type);
    if (waiter) {
      w.waiting.delete(m.type);
      waiter(m);
    }
  });
  return w;
}

export function request<T extends FromWorker['type']>(w: Worker, message: ToWorker, reply: T): Promise<Extract<FromWorker, { type: T }>> {
  return new Promise((resolve, reject) => {
    w.waiting.set(reply, resolve as (m: FromWorker) => void);
    w.child.once('exit', (code) => reject(new Error(`bench worker exited (${code})`)));
    w.child.send(message);
  });
}

/** Poisson arrivals: exponential gaps between lobbies so players arrive at `rate` per second, for `seconds`. */
export function poissonOffsets(lobbies: BenchLobby[], rate: number, seconds: number): Record<string, number> {
  const avgParty = lobbies.reduce((a, l) => a + l.players.length, 0) / Math.max(1, lobbies.length);
  const lobbyRate = rate / avgParty;
  const offsets: Record<string, number> = {};
  let t = 0;
  for (const lobby of lobbies) {
    t += -Math.log(1 - Math.random()) / lobbyRate;
    if (t > seconds) break;
    offsets[lobby.lobbyId] = Math.round(t * 1000);
  }
  return offsets;
}

export async function gamesOfPlayers(redis: RedisClient, gameIds: Iterable<string>): Promise<Map<string, Set<string>>> {
  const byPlayer = new Map<string, Set<string>>();
  const ids = [...gameIds];
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const rows = await Promise.all(slice.map((g) => getGamePlayers(redis, g)));
    rows.forEach((players, k) => {
      for (const p of players) {
        let set = byPlayer.get(p);
        if (!set) byPlayer.set(p, (set = new Set()));
        set.add(slice[k] as string);
      }
    });
  }
  return byPlayer;
}

/**
 * match.found time of every player minus the moment its match became possible:
 * when the last of its prematch's lobbies entered the queue. `enteredAt` gives
 * a player's lobby entry time (server queuedAt, or the host's ack); players
 * whose prematch has a lobby without one are left out.
 */
function sinceMatchPossible(results: readonly PlayerResult[], enteredAt: (r: PlayerResult, host: PlayerResult | undefined) => number): number[] {
  const hosts = new Map<string, PlayerResult>();
  for (const r of results) if (r.queueAckAt > 0) hosts.set(r.lobbyId, r);
  const possibleAt = new Map<string, number>();
  for (const r of results) {
    const pm = r.prematchIds[0];
    if (!pm) continue;
    const at = enteredAt(r, hosts.get(r.lobbyId));
    const prev = possibleAt.get(pm);
    possibleAt.set(pm, at <= 0 || prev === -1 ? -1 : Math.max(prev ?? 0, at));
  }
  return results.flatMap((r) => {
    const at = r.prematchIds[0] ? possibleAt.get(r.prematchIds[0]) : undefined;
    return r.matchFoundAt > 0 && at !== undefined && at > 0 ? [r.matchFoundAt - at] : [];
  });
}

/**
 * Each Coral's main-thread event-loop delay (prom-client's default metrics, which restart
 * the measurement on every scrape): scraped at "go" to start the window, and at the end.
 */
async function eventLoopLag(ports: readonly number[]): Promise<string[]> {
  return Promise.all(
    ports.map(async (port) => {
      try {
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        const read = (name: string) =>
          Math.round(Number(new RegExp(`^nodejs_eventloop_lag_${name}_seconds(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1] ?? NaN) * 1000);
        return `p50 ${read('p50')} p99 ${read('p99')} max ${read('max')} ms`;
      } catch {
        return 'unavailable';
      }
    }),
  );
}

/**
 * The matcher's own view: one of every Coral's histograms (seconds) for `mode`, summed,
 * as the upper bounds (ms) of the buckets holding p50 and p99. Null if unreadable.
 */
async function serverHistogram(
  ports: readonly number[],
  metric: string,
  /** The queue id: its series labelled `mode="<queue>"` or any of its slots `mode="<queue>@<region>"`, or `queue="<queue>"`. */
  mode: string,
  /** Bucket bounds are seconds (x1000 to ms) unless told otherwise (rating points: 1). */
  scale = 1000,
): Promise<{ p50AtMostMs: number | null; p99AtMostMs: number | null; count: number } | null> {
  try {
    const buckets = new Map<number, number>();
    for (const port of ports) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const m of text.matchAll(new RegExp(`^${metric}_bucket\\{([^}]*)\\} (\\d+)`, 'gm'))) {
        const labels = m[1] as string;
        if (!labels.includes(`mode="${mode}"`) && !labels.includes(`mode="${mode}@`) && !labels.includes(`queue="${mode}"`)) continue;
        const le = /le="([^"]+)"/.exec(m[1] as string)?.[1];
        if (!le) continue;
        const bound = le === '+Inf' ? Infinity : Math.round(Number(le) * scale);
        buckets.set(bound, (buckets.get(bound) ?? 0) + Number(m[2]));
      }
    }
    const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
    const total = sorted.at(-1)?.[1] ?? 0;
    const at = (q: number) => {
      const hit = sorted.find(([, count]) => count >= q * total);
      return hit && Number.isFinite(hit[0]) ? hit[0] : null;
    };
    return { p50AtMostMs: at(0.5), p99AtMostMs: at(0.99), count: total };
  } catch {
    return null;
  }
}

/**
 * --regions N: a queue file with N regions (`region-1`...) for the benchmarked queue, written to
 * a temporary directory; GLACEON_QUEUES then names it for every process the bench starts.
 */
async function writeRegionsFile(queues: QueueCatalog, mode: string, n: number): Promise<{ file: string; regions: string[]; remove(): Promise<void> }> {
  const q = queues.require(mode);
  const regions = Array.from({ length: n }, (_, i) => `region-${i + 1}`);
  const dir = await makeTempDir('bench-regions');
  const file = path.join(dir.path, 'queues.json');
  const content = {
    regions: regions.map((id, i) => ({ id, name: `Region ${i + 1}`, pingUrl: `ws://127.0.0.1:${19701 + i}` })),
    queues: [
      {
        id: q.id,
        name: q.name,
        description: q.description,
        teams: q.teams,
        teamSize: q.teamSize,
        partySizes: q.partySizes,
        readyCheckMs: q.readyCheckMs,
        rating: q.rating,
        latency: q.latency,
        maxGameMs: q.maxGameMs,
        ranked: q.ranked,
      },
    ],
  };
  await writeFile(file, JSON.stringify(content, null, 2));
  return { file, regions, remove: () => dir.remove() };
}

/**
 * Run `fn` with `--regions N` in force: the queue file written, GLACEON_QUEUES pointing at it
 * (every process the bench starts inherits it) and removed afterwards. Without it, `fn(undefined)`.
 */
export async function withRegionsFile<T>(args: Pick<BenchArgs, 'mode' | 'regions'>, fn: (regions: string[] | undefined) => Promise<T>): Promise<T> {
  const regionsFile = args.regions ? await writeRegionsFile(queuesFromEnv().catalog, args.mode, args.regions) : undefined;
  if (regionsFile) {
    process.env.GLACEON_QUEUES = regionsFile.file;
    log(`--regions ${args.regions}: queue file ${regionsFile.file}`);
  }
  try {
    return await fn(regionsFile?.regions);
  } finally {
    await regionsFile?.remove();
  }
}

export function runMatchBench(args: BenchArgs): Promise<Record<string, unknown>> {
  return withRegionsFile(args, (regions) => runMatchBenchWith(args, regions));
}

async function runMatchBenchWith(args: BenchArgs, regions: string[] | undefined): Promise<Record<string, unknown>> {
  // The same file the Corals read (GLACEON_QUEUES is inherited by every process the bench starts).
  const { catalog: queues } = queuesFromEnv();
  const queue = queues.get(args.mode);
  if (!queue) throw new Error(`--mode ${args.mode}: the queue configuration has only ${queues.ids.join(', ')} (set GLACEON_QUEUES to a file that adds it)`);
  const perMatch = queue.teams * queue.teamSize;
  log(`starting Redis, ${args.corals} Coral(s) and nginx`);
  const stack = await startBenchStack({ corals: args.corals, mode: args.mode, clients: args.players });
  const workers: Worker[] = [];
  try {
    const capacity = Math.min(10_000, Math.ceil(args.players / perMatch) + 10);
    // --regions: one reference Moonstone per region (REGION set), since a region's games go only to its servers.
    if (regions) log(`starting ${regions.length} reference Moonstone(s), one per region`);
    const moonstones = regions ? await startMoonstones(stack, regions.length, capacity, regions) : [];
    const fleet = regions ? undefined : await startFleetStandIn(stack.redis, { capacity, fleetKey: BENCH_FLEET_KEY });
    log(`creating ${args.players} players (sessions and lobbies straight through @glaceon/store)`);
    const lobbies = await createPopulation(stack.redis, queues, args.mode, args.players, args.ratingSpread);
    const homeOf = regions ? assignLatencies(lobbies, regions, perMatch) : undefined;
    const players = lobbies.flatMap((l) => l.players);
    // Whole lobbies per worker, so a host and its members share a process clock.
    const shares: BenchPlayer[][] = Array.from({ length: args.workers }, () => []);
    lobbies.forEach((l, i) => shares[i % args.workers]!.push(...l.players));
    log(`opening ${players.length} sockets ahead through nginx (${args.workers} client process(es))`);
    for (const share of shares) workers.push(startWorker(share));
    const connected = await Promise.all(
      workers.map((w) => request(w, { type: 'init', wsUrl: stack.wsUrl, players: w.players, publicKeyPem: stack.keys.publicKeyPem }, 'connected')),
    );
    const connectFailures = connected.reduce((a, c) => a + c.failed, 0);
    log(`connected ${connected.reduce((a, c) => a + c.count, 0)} (failed ${connectFailures})`);

    const offsets =
      args.rate !== undefined && args.seconds !== undefined
        ? poissonOffsets(lobbies, args.rate, args.seconds)
        : Object.fromEntries(lobbies.map((l) => [l.lobbyId, 0]));
    const queuing = lobbies.filter((l) => offsets[l.lobbyId] !== undefined).reduce((a, l) => a + l.players.length, 0);
    const cpuBefore = stack.corals.map((c) => cpuMs(c.pid));
    const others = { redis: stack.redisServer.process.pid, nginx: stack.nginxPids(), clients: workers.map((w) => w.child.pid as number) };
    const othersBefore = {
      redis: cpuMs(others.redis),
      nginx: others.nginx.reduce((a, p) => a + cpuMs(p), 0),
      clients: others.clients.reduce((a, p) => a + cpuMs(p), 0),
    };
    if (process.env.BENCH_DEBUG) await stack.redis.config('RESETSTAT');
    await eventLoopLag(stack.coralPorts);
    const profDir = profileDir();
    const profilers = profDir ? await Promise.all(stack.corals.map((c) => startWindowProfile(c.output()))) : [];
    const t0 = Date.now() + 200;
    log(`go: ${queuing} players queue ${args.rate ? `at ${args.rate}/s for ${args.seconds}s` : 'at once'}`);
    for (const w of workers) w.child.send({ type: 'go', t0, offsets } satisfies ToWorker);

    // Until every queued player has a game, or nothing moved for a while after the last arrival.
    const lastArrival = t0 + Math.max(0, ...Object.values(offsets));
    let lastProgress = Date.now();
    let lastCount = -1;
    let reportsAtLastChange = workers.map((w) => w.reports);
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const ready = workers.reduce((a, w) => a + w.progress.gameReady, 0);
      const moved = ready + workers.reduce((a, w) => a + w.progress.matchFound, 0);
      if (moved !== lastCount) {
        lastCount = moved;
        lastProgress = Date.now();
        reportsAtLastChange = workers.map((w) => w.reports);
      }
      if (ready >= queuing) break;
      // Idle only if every worker kept reporting (4 times a second) without progress: a starved
      // bench process or worker must not end the run while game.ready frames are still on their way.
      const heardFromAll = workers.every(
        (w, i) => w.child.exitCode !== null || w.reports - (reportsAtLastChange[i] as number) >= (args.idleTimeoutMs / 250) * 0.5,
      );
      const idleMs = Date.now() - lastProgress;
      if (Date.now() > lastArrival && ((idleMs > args.idleTimeoutMs && heardFromAll) || idleMs > 3 * args.idleTimeoutMs)) break;
    }
    for (const c of stack.corals) if (!c.alive()) throw new Error(`${c.name} died during the run:\n${c.output().slice(-4000)}`);
    const cpuAfter = stack.corals.map((c) => cpuMs(c.pid));
    await Promise.all(profilers.map((p, i) => p.stop(path.join(profDir as string, `coral-${i + 1}.cpuprofile`))));
    if (profDir) log(`CPU profiles of the window: ${profDir}/coral-N.cpuprofile`);
    // The lag first: any scrape restarts its window.
    log(`Coral main-thread event-loop delay during the run: ${(await eventLoopLag(stack.coralPorts)).join('; ')}`);
    // Each lobby's queue time when its claim's tick started, and each match's delay from
    // becoming possible to its claim (coral_time_to_match_seconds, coral_match_delay_seconds).
    const claimWait = await serverHistogram(stack.coralPorts, 'coral_time_to_match_seconds', args.mode);
    // Match quality as the leaders measured it (rating points; bucket upper bounds).
    const points = (h: Awaited<ReturnType<typeof serverHistogram>>) => h && { p50AtMost: h.p50AtMostMs, p99AtMost: h.p99AtMostMs, count: h.count };
    const ratingSpread = points(await serverHistogram(stack.coralPorts, 'coral_match_rating_spread', args.mode, 1));
    const teamBalance = points(await serverHistogram(stack.coralPorts, 'coral_match_team_balance', args.mode, 1));
    const matchDelay = await serverHistogram(stack.coralPorts, 'coral_match_delay_seconds', args.mode);
    const windowMs = Date.now() - t0;
    log(
      `CPU over ${windowMs} ms: corals ${cpuAfter.map((v, i) => v - (cpuBefore[i] as number)).join('+')} ms, redis ${cpuMs(others.redis) - othersBefore.redis} ms, ` +
        `nginx ${others.nginx.reduce((a, p) => a + cpuMs(p), 0) - othersBefore.nginx} ms, clients ${others.clients.reduce((a, p) => a + cpuMs(p), 0) - othersBefore.clients} ms; load ${(await import('node:os')).loadavg()[0]?.toFixed(1)}`,
    );
    if (process.env.BENCH_DEBUG) {
      const info = await stack.redis.info('commandstats');
      const rows = [...info.matchAll(/cmdstat_(\S+):calls=(\d+),usec=(\d+)/g)].map((m) => ({ cmd: m[1], calls: Number(m[2]), usec: Number(m[3]) }));
      rows.sort((a, b) => b.usec - a.usec);
      for (const r of rows.slice(0, 15)) log(`redis ${r.cmd}: ${(r.calls / queuing).toFixed(2)} calls per player, ${Math.round(r.usec / 1000)} ms`);
    }
    const results: PlayerResult[] = [];
    const errors: string[] = [];
    const frames: Record<string, number> = {};
    const clientLag: string[] = [];
    for (const w of workers) {
      const r = await request(w, { type: 'finish' }, 'result');
      results.push(...r.players);
      errors.push(...r.errors);
      for (const [k, v] of Object.entries(r.frames)) frames[k] = (frames[k] ?? 0) + v;
      const d = r.eventLoopDelayMs;
      clientLag.push(`p50 ${d.p50} p99 ${d.p99} max ${d.max} ms (GC: longest pause ${d.gcMaxPauseMs} ms, ${d.majorGcs} full)`);
    }
    log(`client processes' event-loop delay during the run: ${clientLag.join('; ')}`);
    if (process.env.BENCH_DEBUG) {
      const hostsAck = results.filter((r) => r.queueAckAt > 0 && r.serverQueuedAt > 0).map((r) => r.queueAckAt - r.serverQueuedAt);
      log(`debug: host ack after activation ${JSON.stringify(p50p99(hostsAck))}`);
    }
    log(
      `server events per player: ${Object.entries(frames)
        .map(([k, v]) => `${k} ${(v / Math.max(1, results.length)).toFixed(2)}`)
        .join(', ')}`,
    );
    for (const e of errors.slice(0, 10)) log(`client error: ${e}`);
    if (results.filter((r) => r.gameReadyAt > 0).length < queuing) {
      for (const c of stack.corals) log(`${c.name} output (tail):\n${c.output().slice(-3000)}`);
    }

    // Invariants, from the clients and from the keys.
    const matched = results.filter((r) => r.gameReadyAt > 0);
    const allGameIds = new Set(results.flatMap((r) => r.gameIds));
    const gamesByPlayer = await gamesOfPlayers(stack.redis, allGameIds);
    const doubleMatched = results.filter((r) => r.gameIds.length > 1 || (gamesByPlayer.get(r.playerId)?.size ?? 0) > 1).length;
    let stranded = 0;
    let leftoverQueued = 0;
    for (let i = 0; i < results.length; i += 500) {
      const slice = results.slice(i, i + 500);
      const views = await Promise.all(slice.map((r) => getPlayerMatchView(stack.redis, r.playerId)));
      views.forEach((v, k) => {
        const r = slice[k] as PlayerResult;
        const settled = v.state === 'queued' || (v.state === 'ingame' && v.game === 'ready') || v.state === 'idle';
        if (v.state === 'queued') leftoverQueued++;
        // Not stranded: a settled state in the keys that the (connected) client also believes.
        if (!settled || (r.connected && r.belief !== v.state && !(v.state === 'idle' && r.belief === 'unknown'))) {
          stranded++;
          if (stranded <= 5)
            log(
              `stranded: ${r.playerId} keys ${JSON.stringify(v)} client belief ${r.belief} connected ${r.connected} pm ${r.prematchIds.join(',')} games ${r.gameIds.join(',')}`,
            );
        }
      });
    }
    const ticketInvalid = matched.filter((r) => !r.ticketOk).length;
    const lastReady = Math.max(t0, ...matched.map((r) => r.gameReadyAt));
    const elapsedS = Math.max(0.001, (lastReady - t0) / 1000);
    const games = allGameIds.size;
    const cpu = cpuAfter.reduce((a, v, i) => a + (v - (cpuBefore[i] as number)), 0);
    await fleet?.stop();
    await Promise.all(moonstones.map((m) => m.stop().catch(() => undefined)));
    const perRegion = regions && homeOf ? await regionReport(stack.redis, results, lobbies, regions, homeOf, stack.coralPorts, args.mode) : undefined;
    return {
      mode: args.mode,
      ratingSpread: args.ratingSpread,
      corals: args.corals,
      players: queuing,
      matchedPlayers: matched.length,
      doubleMatched,
      stranded,
      playersPerSec: Math.round(matched.length / elapsedS),
      timeToMatchMs: p50p99(results.filter((r) => r.matchFoundAt > 0 && r.queuedAt > 0).map((r) => r.matchFoundAt - r.queuedAt)),
      timeToMatchFromPossibleMs: p50p99(sinceMatchPossible(results, (r) => r.serverQueuedAt)),
      timeToMatchFromAckMs: p50p99(sinceMatchPossible(results, (r, host) => host?.queueAckAt ?? 0)),
      serverQueueTimeAtClaimMs: claimWait,
      matchQuality: { ratingSpread, teamBalance },
      serverMatchDelayFromPossibleMs: matchDelay,
      queueStartAckMs: p50p99(results.filter((r) => r.queueAckAt > 0).map((r) => r.queueAckAt - r.queuedAt)),
      connectToGameReadyMs: p50p99(matched.map((r) => r.handshakeMs + (r.gameReadyAt - r.queuedAt))),
      serverCpuMsPerMatch: games > 0 ? Math.round((cpu / games) * 100) / 100 : null,
      form: args.rate !== undefined ? 'rate' : 'burst',
      ...(args.rate !== undefined ? { rate: args.rate, seconds: args.seconds } : {}),
      games,
      gamesPushedToFleet: fleet ? fleet.pushes() : null,
      ...(perRegion ? { regions: perRegion } : {}),
      leftoverQueued,
      ticketInvalid,
      connectFailures,
      durationMs: Math.round(elapsedS * 1000),
      clientProcesses: args.workers,
      gameServers: regions
        ? `${regions.length} reference Moonstone(s), one per region (games end as no-shows)`
        : 'fleet stand-in (registered in the real fleet registry; accepts allocation pushes; runs no games)',
    };
  } finally {
    for (const w of workers) {
      w.child.send({ type: 'close' } satisfies ToWorker);
    }
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => (w.child.exitCode !== null ? resolve() : w.child.once('exit', () => resolve())))));
    await stack.stop();
  }
}

/**
 * --regions: matches per region (the region of each game's slot), the highest member latency of
 * each match to its region (from the latency matrix the players reported: exact percentiles),
 * time to match per region, games in a region other than the players' home, and the leaders'
 * histogram of the same latency (bucket upper bounds) as a cross-check.
 */
export async function regionReport(
  redis: RedisClient,
  results: readonly PlayerResult[],
  lobbies: readonly BenchLobby[],
  regions: readonly string[],
  homeOf: ReadonlyMap<string, string>,
  ports: readonly number[],
  mode: string,
): Promise<Record<string, unknown>> {
  const latencyOf = new Map<string, Map<string, number>>();
  for (const l of lobbies) for (const p of l.players) latencyOf.set(p.playerId, new Map((p.latencies ?? []).map((x) => [x.region, x.rttMs])));
  const gameIds = [...new Set(results.flatMap((r) => r.gameIds))];
  const regionOfGame = new Map<string, string>();
  for (let i = 0; i < gameIds.length; i += 500) {
    const slice = gameIds.slice(i, i + 500);
    const games = await Promise.all(slice.map((g) => getGame(redis, g)));
    games.forEach((g, k) => regionOfGame.set(slice[k] as string, (g && regionOfSlot(g.mode)) ?? 'none'));
  }
  const byRegion = new Map<string, { games: Set<string>; highest: Map<string, number>; waits: number[]; awayFromHome: number }>();
  for (const r of regions) byRegion.set(r, { games: new Set(), highest: new Map(), waits: [], awayFromHome: 0 });
  for (const res of results) {
    const gameId = res.gameIds[0];
    if (!gameId) continue;
    const region = regionOfGame.get(gameId) ?? 'none';
    const row = byRegion.get(region);
    if (!row) continue;
    row.games.add(gameId);
    const lat = latencyOf.get(res.playerId)?.get(region) ?? 0;
    row.highest.set(gameId, Math.max(row.highest.get(gameId) ?? 0, lat));
    if (res.matchFoundAt > 0 && res.queuedAt > 0) row.waits.push(res.matchFoundAt - res.queuedAt);
    if (homeOf.get(res.lobbyId) !== region) row.awayFromHome++;
  }
  const all = [...byRegion.values()].flatMap((r) => [...r.highest.values()]);
  const histogram = await serverHistogram(ports, 'coral_match_highest_latency_ms', mode, 1);
  return {
    matchesPerRegion: Object.fromEntries([...byRegion].map(([r, v]) => [r, v.games.size])),
    highestLatencyMs: p50p99(all),
    perRegion: Object.fromEntries(
      [...byRegion].map(([r, v]) => [
        r,
        { matches: v.games.size, highestLatencyMs: p50p99([...v.highest.values()]), timeToMatchMs: p50p99(v.waits), playersAwayFromHome: v.awayFromHome },
      ]),
    ),
    serverHighestLatencyMs: histogram && { p50AtMost: histogram.p50AtMostMs, p99AtMost: histogram.p99AtMostMs, count: histogram.count },
  };
}
