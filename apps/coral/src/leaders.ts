import type { Logger } from 'pino';
import type { QueueModeId } from '@glaceon/protocol';
import { channels, type RedisClient } from '@glaceon/store';
import type { CoralConfig } from './config/config.js';
import { MatchmakerLeader, type TickResult } from './engine/index.js';
import type { CoralMetrics } from './metrics/metrics.js';

export interface Leaders {
  readonly byMode: ReadonlyMap<QueueModeId, MatchmakerLeader>;
  /**
   * A raw queue event of some mode's channel: when it brings a new matchable
   * ticket (`queued`, `requeued`) and this Coral leads that mode, the next tick
   * runs soon instead of up to a full tick later.
   */
  onQueueEvent(channel: string, raw: string): void;
  stop(): Promise<void>;
}

export interface LeaderTuning {
  tickMs?: number;
  leaseTtlMs?: number;
  sweepEveryMs?: number;
  graceMs?: number;
  acceptTimeoutMs?: number;
}

/**
 * One matchmaker leader candidate per mode in every Coral. The loop is ours
 * (not MatchmakerLeader.start) so each tick's result feeds /metrics.
 */
export function startLeaders(deps: {
  redis: RedisClient;
  config: CoralConfig;
  log: Logger;
  metrics: CoralMetrics;
  tuning?: LeaderTuning;
  createGame: (mode: QueueModeId, prematchId: string) => void;
}): Leaders {
  const { redis, config, log, metrics } = deps;
  const byMode = new Map<QueueModeId, MatchmakerLeader>();
  const timers = new Map<QueueModeId, NodeJS.Timeout>();
  const running = new Map<QueueModeId, Promise<unknown>>();
  let stopped = false;
  const tickMs = deps.tuning?.tickMs ?? 100;
  // Shortest gap between ticks when woken early (new tickets, or the last tick claimed matches),
  // so a burst of arrivals is matched promptly without a tick per event.
  const wakeGapMs = Math.max(1, Math.floor(tickMs / 5));
  const loops = new Map<string, { mode: QueueModeId; ticking: boolean; woken: boolean; lastStart: number; wake: () => void }>();

  const observe = (mode: QueueModeId, r: TickResult) => {
    if (r.claimed > 0) metrics.matches.inc({ mode }, r.claimed);
    if (r.conflicts > 0) metrics.claimConflicts.inc({ mode, code: 'TICKET_TAKEN' }, r.conflicts);
    if (r.staleRejected > 0) metrics.claimConflicts.inc({ mode, code: 'STALE_EPOCH' }, r.staleRejected);
    for (const w of r.waits) metrics.timeToMatch.observe({ mode }, w / 1000);
    if (r.sweep) {
      if (r.sweep.timedOut.length) metrics.recoveries.inc({ kind: 'readycheck_timeout' }, r.sweep.timedOut.length);
      if (r.sweep.expiredTickets.length) metrics.recoveries.inc({ kind: 'unseen_lobby' }, r.sweep.expiredTickets.length);
      if (r.sweep.repairedTickets.length) metrics.recoveries.inc({ kind: 'half_done_step' }, r.sweep.repairedTickets.length);
    }
  };

  for (const mode of config.modes) {
    const leader = new MatchmakerLeader({
      redis,
      mode,
      ownerId: `${config.coralId}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`,
      tickMs,
      // Claimed lobbies are mirrored while the next tick runs (outbox-covered); players learn of
      // the match from the claim's event, not from the mirror.
      mirrorInBackground: true,
      ...(deps.tuning?.leaseTtlMs ? { leaseTtlMs: deps.tuning.leaseTtlMs } : {}),
      ...(deps.tuning?.sweepEveryMs ? { sweepEveryMs: deps.tuning.sweepEveryMs } : {}),
      ...(deps.tuning?.graceMs ? { graceMs: deps.tuning.graceMs } : {}),
      ...(deps.tuning?.acceptTimeoutMs ? { acceptTimeoutMs: deps.tuning.acceptTimeoutMs } : {}),
      onCreationsDue: (m, pms) => {
        metrics.recoveries.inc({ kind: 'game_creation_due' }, pms.length);
        for (const pm of pms) deps.createGame(m, pm);
      },
    });
    byMode.set(mode, leader);
    const state = { mode, ticking: false, woken: false, lastStart: 0, wake: () => undefined as void };
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
      let claimed = 0;
      const p = leader.tick().then(
        (r) => {
          claimed = r.claimed;
          observe(mode, r);
        },
        (error: unknown) => log.warn({ err: error, mode }, 'matchmaker tick failed'),
      );
      running.set(mode, p);
      await p;
      state.ticking = false;
      if (stopped) return;
      // Claimed something (more may be matchable now) or woken meanwhile: go again soon.
      const soon = (claimed > 0 || state.woken) && leader.isLeader;
      schedule((soon ? wakeGapMs : tickMs) - (Date.now() - started));
    };
    state.wake = () => {
      if (stopped || !leader.isLeader) return;
      if (state.ticking) {
        state.woken = true;
        return;
      }
      if (state.woken) return; // an early tick is already scheduled
      state.woken = true;
      schedule(wakeGapMs - (Date.now() - state.lastStart));
    };
    loops.set(channels.queueEvents(mode), state);
    void loop();
  }

  return {
    byMode,
    onQueueEvent(channel, raw) {
      const state = loops.get(channel);
      if (state && (raw.includes('"e":"queued"') || raw.includes('"e":"requeued"'))) state.wake();
    },
    async stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      await Promise.all(running.values());
      await Promise.all([...byMode.values()].map((l) => l.stop()));
    },
  };
}
