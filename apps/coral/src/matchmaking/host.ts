/**
 * Runs the matchmaker in a worker thread (a Coral process's default) and
 * relays between it and the main thread: queue events in as wakes, tick
 * figures into /metrics, due game creations to the game creator. A thread
 * that dies is restarted; meanwhile another Coral's leader takes over when
 * the lease lapses, as if this Coral had died.
 */
import { Worker } from 'node:worker_threads';
import { slotsOfQueue, type QueueModeId } from '@glaceon/protocol';
import { queueEventWakesLeader } from '@glaceon/store';
import { leaderTuning, servedQueues, type Matchmaking, type MatchmakingDeps } from './matchmaking.js';
import type { FromThread, ThreadInit, ToThread } from './messages.js';
import { observeTick, startDueCreations } from './observe.js';

const RESTART_AFTER_MS = 1_000;
const STOP_TIMEOUT_MS = 4_000;

/**
 * A worker for the thread's entry next to this file: `thread.js` when built; from source
 * (`--import tsx`), `thread.ts` behind a two-line boot that registers tsx in the new thread,
 * because loader hooks given with `--import` do not reach worker threads (tsx issue 354).
 */
function newThread(init: ThreadInit, name: string): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./thread.js', import.meta.url), { workerData: init, name });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./thread.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: init, name });
}

export function startMatchmakerThread(deps: MatchmakingDeps): Matchmaking {
  const { config, log, metrics } = deps;
  let init: ThreadInit = {
    coralId: config.coralId,
    redisUrl: config.redisUrl,
    queues: servedQueues(config),
    tuning: leaderTuning(config),
    logLevel: log.level,
  };
  // A burst brings thousands of `queued` events a second; the thread needs at most one wake per
  // early-tick gap, so wakes are throttled per mode (the trailing one is kept, never dropped).
  const wakeGapMs = Math.max(1, Math.floor(config.matchTickMs / 5));
  const lastWake = new Map<QueueModeId, number>();
  const trailing = new Map<QueueModeId, NodeJS.Timeout>();
  let worker: Worker | undefined;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;

  const send = (m: ToThread) => worker?.postMessage(m);
  const wake = (mode: QueueModeId) => {
    const since = Date.now() - (lastWake.get(mode) ?? 0);
    if (since >= wakeGapMs) {
      lastWake.set(mode, Date.now());
      send({ type: 'wake', mode });
    } else if (!trailing.has(mode)) {
      trailing.set(
        mode,
        setTimeout(() => {
          trailing.delete(mode);
          wake(mode);
        }, wakeGapMs - since),
      );
    }
  };

  const spawn = () => {
    const w = newThread(init, `matchmaker ${config.coralId}`);
    worker = w;
    w.on('message', (m: FromThread) => {
      if (m.type === 'tick') observeTick(metrics, m.mode, m.summary);
      else if (m.type === 'creationsDue') startDueCreations(deps, m.mode, m.prematchIds);
    });
    w.on('error', (error) => log.error({ err: error }, 'matchmaker thread failed'));
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      if (stopping) return;
      log.error({ code }, `matchmaker thread exited; restarting in ${RESTART_AFTER_MS} ms`);
      metrics.recoveries.inc({ kind: 'matchmaker_thread_restart' });
      restartTimer = setTimeout(spawn, RESTART_AFTER_MS);
    });
  };
  spawn();

  return {
    onQueueEvent(mode, raw) {
      if (queueEventWakesLeader(raw)) wake(mode);
    },
    applyQueues(open, closed) {
      // A restarted thread starts from `init`: keep it current (closed queues keep draining there too).
      const known = new Map(init.queues.map((q) => [q.id, q]));
      for (const q of open) known.set(q.id, q);
      const draining = [...new Set([...(init.draining ?? []), ...closed])].filter((id) => !open.some((q) => q.id === id || slotsOfQueue(q).includes(id)));
      init = { ...init, queues: [...known.values()], draining };
      send({ type: 'queues', open, closed });
    },
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      for (const t of trailing.values()) clearTimeout(t);
      const w = worker;
      if (!w) return;
      // Let the thread release its leases (another Coral leads at once); terminate if it hangs.
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => void w.terminate().then(() => resolve()), STOP_TIMEOUT_MS);
        w.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        w.postMessage({ type: 'stop' } satisfies ToThread);
      });
    },
  };
}
