/**
 * `npm run bench:floor -- [--players-per-sec 1500] [--seconds 5] [--sockets 1000] [--runs 3]
 *  [--pin-servers 0] [--pin-clients 1]`: what a player costs at the least, in any design.
 *
 * A stand-in server (floor/server.ts) behind a real nginx stream proxy, with a real Redis, all
 * pinned to one core, does one kind of unit operation at a time at the rate a target of
 * `players-per-sec` would need: frames to players, requests answered with an ack, Redis reads
 * and scripts, pub/sub events, join-ticket signatures. It measures the pinned core's CPU per
 * operation (the idle baseline taken out), and multiplies by the fewest operations a player
 * can cost (floor/model.ts). The game servers are not in it (the ladder measures them).
 * Progress on stderr; the last line on stdout is one JSON object.
 */
import { execFileSync, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { freePort, processGroupMembers, startNginxStream, startRedis } from '@glaceon/testkit';
import { FLOOR_PER_PLAYER, floorMsPerPlayer, median, usPerOp, type UnitCost } from './floor/model.js';
import type { FloorOp, FloorRun, FromFloorServer, ToFloorServer } from './floor/messages.js';
import { cpuMs } from './match/stats.js';

const SERVER_ENTRY = new URL('./floor/server.ts', import.meta.url).pathname;
const TICK_MS = 10;

const { values } = parseArgs({
  options: {
    'players-per-sec': { type: 'string', default: '1500' },
    seconds: { type: 'string', default: '5' },
    sockets: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    'pin-servers': { type: 'string', default: '0' },
    'pin-clients': { type: 'string', default: '1' },
  },
});
const playersPerSec = Number(values['players-per-sec']);
const seconds = Number(values.seconds);
const socketCount = Number(values.sockets);
const runs = Number(values.runs);
if (!(playersPerSec >= 10 && playersPerSec <= 10_000)) throw new Error('--players-per-sec takes 10..10000');
if (!(seconds >= 1 && seconds <= 60)) throw new Error('--seconds takes 1..60');
if (!(Number.isInteger(socketCount) && socketCount >= 1 && socketCount <= 5000)) throw new Error('--sockets takes 1..5000');
if (!(Number.isInteger(runs) && runs >= 1 && runs <= 9)) throw new Error('--runs takes 1..9');
const log = (line: string) => process.stderr.write(`[bench:floor] ${line}\n`);

function pin(pids: readonly number[], cpu: string): void {
  for (const pid of pids) execFileSync('taskset', ['-a', '-p', '-c', cpu, String(pid)], { stdio: 'ignore' });
}

const redis = await startRedis();
const serverPort = await freePort();
const server = fork(SERVER_ENTRY, [], {
  execArgv: ['--conditions=glaceon-source', '--import', 'tsx'],
  env: { ...process.env, REDIS_URL: redis.url, PORT: String(serverPort) },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const killServer = () => server.kill('SIGKILL');
process.on('exit', killServer);
const replies: FromFloorServer[] = [];
let wake: (() => void) | undefined;
server.on('message', (m: FromFloorServer) => {
  replies.push(m);
  wake?.();
});
async function nextReply(timeoutMs: number): Promise<FromFloorServer> {
  const deadline = Date.now() + timeoutMs;
  while (replies.length === 0) {
    if (server.exitCode !== null) throw new Error(`floor server exited (${server.exitCode})`);
    if (Date.now() > deadline) throw new Error('floor server did not answer in time');
    await new Promise<void>((r) => {
      wake = r;
      setTimeout(r, 100);
    });
  }
  return replies.shift() as FromFloorServer;
}
const ask = (m: ToFloorServer) => server.send(m);

let nginx: Awaited<ReturnType<typeof startNginxStream>> | undefined;
const clients: WebSocket[] = [];
try {
  const ready = await nextReply(30_000);
  if (ready.type !== 'ready') throw new Error(`floor server: ${JSON.stringify(ready)}`);
  // Two connections per proxied socket: room for the most sockets --sockets allows.
  nginx = await startNginxStream({ upstreams: [serverPort], errorLogLevel: 'error', workerConnections: 2 * 5000 + 100 });
  const pinned = () => ({
    server: ready.pid,
    redis: redis.process.pid as number,
    ...Object.fromEntries(processGroupMembers(nginx!.process.pid as number).map((p, i) => [`nginx-${i}`, p])),
  });
  pin(Object.values(pinned()), values['pin-servers'] as string);
  pin([process.pid], values['pin-clients'] as string);

  let framesIn = 0;
  // A hundred handshakes at a time: the point is to be connected before anything is measured.
  for (let i = 0; i < socketCount; i += 100) {
    const batch = Array.from({ length: Math.min(100, socketCount - i) }, () => {
      const ws = new WebSocket(`${nginx!.wsUrl}/play`, { perMessageDeflate: false });
      ws.on('message', () => framesIn++);
      ws.on('error', () => undefined);
      clients.push(ws);
      return new Promise(
        (resolve, reject) => (ws.once('open', resolve), ws.once('error', reject), ws.once('close', () => reject(new Error('closed before open')))),
      );
    });
    await Promise.all(batch);
  }
  log(
    `${socketCount} sockets through nginx; server ${ready.pid}, Redis ${redis.process.pid} on CPU ${values['pin-servers']}, players on CPU ${values['pin-clients']}`,
  );

  /** Requests from the players at `perSec`, open loop, as Coraline sends them. */
  async function sendRequests(perSec: number): Promise<number> {
    const started = performance.now();
    let sent = 0;
    const total = Math.round(perSec * seconds);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.round(((performance.now() - started) / 1000) * perSec));
        for (; sent < due; sent++) {
          const ws = clients[sent % clients.length] as WebSocket;
          const request =
            sent % 2 === 0 ? { type: 'queue.start', id: `r${sent}` } : { type: 'match.accept', id: `r${sent}`, prematchId: 'pm_sample000000000000000' };
          ws.send(JSON.stringify(request));
        }
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, TICK_MS);
    });
    return sent;
  }

  async function measure(op: FloorRun, perSec: number): Promise<{ count: number; cpuMsByProcess: Record<string, number>; check: number }> {
    const pids = pinned();
    const before = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuMs(p)]));
    const framesBefore = framesIn;
    ask({ type: 'run', op, perSec, seconds });
    const sent = op === 'request' ? await sendRequests(perSec) : op === 'mixed' ? await sendRequests(perSec * FLOOR_PER_PLAYER.request) : 0;
    const ran = await nextReply(seconds * 1000 + 30_000);
    if (ran.type !== 'ran') throw new Error(`floor server: ${JSON.stringify(ran)}`);
    // Let the last replies and frames land before the clock stops.
    await new Promise((r) => setTimeout(r, 300));
    const cpuMsByProcess = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuMs(p) - (before[k] ?? 0)]));
    const count = op === 'request' ? sent : ran.count;
    // What the other side saw, so a unit that silently did nothing is caught (for mixed: every
    // frame and ack reached a player and every event was heard, in players' worth).
    const check =
      op === 'frame'
        ? framesIn - framesBefore
        : op === 'request'
          ? ran.acks
          : op === 'event'
            ? ran.events
            : op === 'mixed'
              ? Math.min(
                  (framesIn - framesBefore) / (FLOOR_PER_PLAYER.frame + FLOOR_PER_PLAYER.request),
                  ran.acks / FLOOR_PER_PLAYER.request,
                  ran.events / FLOOR_PER_PLAYER.event,
                )
              : count;
    return { count, cpuMsByProcess, check };
  }
  const total = (byProcess: Record<string, number>) => Object.values(byProcess).reduce((a, b) => a + b, 0);

  const ops = Object.keys(FLOOR_PER_PLAYER) as Exclude<FloorOp, 'idle'>[];
  // Every unit once before anything counts: V8 compiles the hot paths and the sockets warm up.
  for (const op of ops) await measure(op, playersPerSec * FLOOR_PER_PLAYER[op]);
  log('warmed up');
  const perRun: { idleCpuMsPerSec: number; costs: UnitCost[]; mixedMsPerPlayer: number; mixedCpuMsByProcess: Record<string, number> }[] = [];
  for (let run = 1; run <= runs; run++) {
    const idle = await measure('idle', 0);
    const idleCpuMsPerSec = total(idle.cpuMsByProcess) / (seconds + 0.3);
    const costs: UnitCost[] = [];
    for (const op of ops) {
      const perSec = playersPerSec * FLOOR_PER_PLAYER[op];
      const m = await measure(op, perSec);
      if (m.check < m.count * 0.99) throw new Error(`${op}: ${m.count} done but only ${m.check} seen by the other side`);
      const cost = usPerOp(total(m.cpuMsByProcess), idleCpuMsPerSec, seconds + 0.3, m.count);
      costs.push({ op, count: m.count, cpuMsByProcess: m.cpuMsByProcess, usPerOp: Math.round(cost * 10) / 10 });
      log(`run ${run}: ${op} at ${perSec}/s: ${cost.toFixed(1)} us each (${JSON.stringify(m.cpuMsByProcess)})`);
    }
    // Everything at once, players' worth: what batching in one event loop saves on the sum.
    const mixed = await measure('mixed', playersPerSec);
    if (mixed.check < mixed.count * 0.99) throw new Error(`mixed: ${mixed.count} players' worth done but only ${Math.round(mixed.check)} seen`);
    const mixedMsPerPlayer = Math.round(usPerOp(total(mixed.cpuMsByProcess), idleCpuMsPerSec, seconds + 0.3, mixed.count)) / 1000;
    log(`run ${run}: everything at once, ${playersPerSec} players/s: ${mixedMsPerPlayer} ms per player (${JSON.stringify(mixed.cpuMsByProcess)})`);
    perRun.push({ idleCpuMsPerSec: Math.round(idleCpuMsPerSec), costs, mixedMsPerPlayer, mixedCpuMsByProcess: mixed.cpuMsByProcess });
  }
  const medians = new Map(ops.map((op) => [op, median(perRun.map((r) => r.costs.find((c) => c.op === op)?.usPerOp ?? Number.NaN))]));
  const floor = floorMsPerPlayer(medians);
  const mixedMs = median(perRun.map((r) => r.mixedMsPerPlayer));
  log(`floor: ${floor.ms} ms of pinned CPU per player unit by unit (${JSON.stringify(floor.byOp)}); ${mixedMs} ms with everything at once`);
  process.stdout.write(
    `${JSON.stringify({
      form: 'floor',
      playersPerSec,
      seconds,
      sockets: socketCount,
      runs,
      perPlayer: FLOOR_PER_PLAYER,
      usPerOp: Object.fromEntries(medians),
      floorMsPerPlayer: floor.ms,
      floorMsByOp: floor.byOp,
      mixedMsPerPlayer: mixedMs,
      maxPlayersPerSecAtFloor: Math.floor(1000 / Math.min(floor.ms, mixedMs)),
      perRun,
      loadAvg1: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    })}\n`,
  );
} finally {
  for (const ws of clients) ws.terminate();
  ask({ type: 'stop' });
  await new Promise((r) => setTimeout(r, 300));
  killServer();
  await nginx?.stop();
  await redis.stop();
}
