/**
 * One matchmaker leader candidate per mode, each with its own tick loop. Runs
 * wherever it is started: in the matchmaker thread (`thread.ts`, a Coral
 * process's default) or on the main thread (`inline.ts`, for in-process
 * tests). It talks to the rest of Coral only through the callbacks below.
 */
import type { Logger } from 'pino';
import type { QueueModeId } from '@glaceon/protocol';
import { closeRedis, createRedis, type RedisClient } from '@glaceon/store';
import { prewarmStoreScripts } from '../redis/prewarm.js';
import { MatchmakerLeader, type TickResult } from '../engine/index.js';
import type { LeaderTuning, TickSummary } from './messages.js';

export interface Leaders {
  readonly byMode: ReadonlyMap<QueueModeId, MatchmakerLeader>;
  /** A new matchable ticket in `mode` (`queued`/`requeued` event): when leading, tick soon. */
  wake(mode: QueueModeId): void;
  /** Stop ticking, hand the leases over, close the connections. */
  stop(): Promise<void>;
}

export interface LeadersDeps {
  /**
   * The leaders open two connections of their own (closed by `stop`): one for the lease, the
   * waiting list, claims and sweeps, and one for the background lobby mirrors after claims, so
   * a tick's round trips never queue behind thousands of mirror scripts.
   */
  redisUrl: string;
  coralId: string;
  modes: readonly QueueModeId[];
  tuning: LeaderTuning;
  log: Logger;
  onTick: (mode: QueueModeId, summary: TickSummary) => void;
  onCreationsDue: (mode: QueueModeId, prematchIds: string[]) => void;
}

export function summarize(r: TickResult): TickSummary {
  return {
    leader: r.leader,
    waiting: r.waiting,
    claimed: r.claimed,
    conflicts: r.conflicts,
    staleRejected: r.staleRejected,
    waits: r.waits,
    sincePossible: r.sincePossible,
    timedOut: r.sweep?.timedOut.length ?? 0,
    expiredTickets: r.sweep?.expiredTickets.length ?? 0,
    repairedTickets: r.sweep?.repairedTickets.length ?? 0,
    phases: r.phases,
  };
}

export function startLeaders(deps: LeadersDeps): Leaders {
  const { tuning, log } = deps;
  const connect = (what: string): RedisClient => {
    const r = createRedis(deps.redisUrl, { enableAutoPipelining: true });
    prewarmStoreScripts(r);
    r.on('error', (error: unknown) => log.debug({ err: error }, `redis (${what}) connection error`));
    return r;
  };
  const redis = connect('matchmaker');
  const mirrorRedis = connect('matchmaker mirrors');
  const byMode = new Map<QueueModeId, MatchmakerLeader>();
  const timers = new Map<QueueModeId, NodeJS.Timeout>();
  const running = new Map<QueueModeId, Promise<unknown>>();
  const wakers = new Map<QueueModeId, () => void>();
  let stopped = false;
  const tickMs = tuning.tickMs;
  // Shortest gap between ticks when woken early (new tickets, or the last tick claimed matches),
  // so a burst of arrivals is matched promptly without a tick per event.
  const wakeGapMs = Math.max(1, Math.floor(tickMs / 5));

  for (const mode of deps.modes) {
    const leader = new MatchmakerLeader({
      redis,
      mode,
      ownerId: `${deps.coralId}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`,
      tickMs,
      // Claimed lobbies are mirrored while the next tick runs (outbox-covered); players learn of
      // the match from the claim's event, not from the mirror.
      mirrorInBackground: true,
      mirrorVia: mirrorRedis,
      leaseTtlMs: tuning.leaseTtlMs,
      sweepEveryMs: tuning.sweepEveryMs,
      graceMs: tuning.graceMs,
      ...(tuning.acceptTimeoutMs ? { acceptTimeoutMs: tuning.acceptTimeoutMs } : {}),
      onCreationsDue: (m, pms) => deps.onCreationsDue(m, pms),
    });
    byMode.set(mode, leader);
    const state = { ticking: false, woken: false, lastStart: 0 };
    const schedule = (delayMs: number) => {
      clearTimeout(timers.get(mode));
      timers.set(mode, setTimeout(() => void loop(), Math.max(0, delayMs)));
    };
    const loop = async () => {
      if (stopped) return;
      const started = Date.now();
      state.ticking = true;
      state.woken = false;
      state.lastStart = started;
      let busy = false;
      const p = leader.tick().then(
        (r) => {
          busy = r.claimed > 0 || r.fresh > 0;
          if (r.claimed > 0 && log.isLevelEnabled('debug')) {
            const ms = Object.fromEntries(Object.entries(r.phases).map(([k, v]) => [k, Math.round(v)]));
            log.debug({ mode, waiting: r.waiting, claimed: r.claimed, conflicts: r.conflicts, maxWaitMs: r.waits.reduce((a, b) => Math.max(a, b), 0), phasesMs: ms }, 'matchmaker tick');
          }
          deps.onTick(mode, summarize(r));
        },
        (error: unknown) => log.warn({ err: error, mode }, 'matchmaker tick failed'),
      );
      running.set(mode, p);
      await p;
      state.ticking = false;
      if (stopped) return;
      // Claimed something or saw new tickets (a burst: more are arriving), or woken meanwhile: go
      // again soon. Arrivals keep a leading tick going without waiting for the wake, which comes
      // through the main thread's subscriber and is late when that thread is busiest.
      const soon = (busy || state.woken) && leader.isLeader;
      schedule((soon ? wakeGapMs : tickMs) - (Date.now() - started));
    };
    wakers.set(mode, () => {
      if (stopped || !leader.isLeader) return;
      if (state.ticking) {
        state.woken = true;
        return;
      }
      if (state.woken) return; // an early tick is already scheduled
      state.woken = true;
      schedule(wakeGapMs - (Date.now() - state.lastStart));
    });
    void loop();
  }

  return {
    byMode,
    wake(mode) {
      wakers.get(mode)?.();
    },
    async stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      await Promise.all(running.values());
      await Promise.all([...byMode.values()].map((l) => l.stop()));
      await Promise.all([closeRedis(redis), closeRedis(mirrorRedis)]);
    },
  };
}
