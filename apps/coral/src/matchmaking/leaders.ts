/**
 * One matchmaker leader candidate per queue slot (per queue, or per (queue, region) when the
 * queue runs in regions; `byMode` is keyed by slot id), each running its own tick loop
 * (`MatchmakerLeader.start()`, the loop the engine's tests drive too). Runs
 * wherever it is started: in the matchmaker thread (`thread.ts`, a Coral
 * process's default) or on the main thread (`inline.ts`, for in-process
 * tests). It talks to the rest of Coral only through the callbacks below.
 */
import type { Logger } from 'pino';
import { queueOfSlot, slotsOfQueue, type QueueConfig, type QueueModeId } from '@glaceon/protocol';
import { closeRedis, createRedis, type RedisClient } from '@glaceon/store';
import { MatchmakerLeader, type TickResult } from '../engine/index.js';
import type { LeaderTuning, TickSummary } from './messages.js';

export interface Leaders {
  readonly byMode: ReadonlyMap<QueueModeId, MatchmakerLeader>;
  /** A new matchable ticket in `mode` (`queued`/`requeued` event): when leading, tick soon. */
  wake(mode: QueueModeId): void;
  /**
   * A reloaded configuration: every slot of the `open` queues gets a leader (or its new rules),
   * `closed` slots drain (no new matches; waiting entries return to idle with `queue_closed`).
   */
  apply(open: readonly QueueConfig[], closed: readonly QueueModeId[]): void;
  /** Stop ticking, hand the leases over, close the connections. */
  stop(): Promise<void>;
}

export interface LeadersDeps {
  /** The leaders open a connection of their own (closed by `stop`): the lease, the waiting list, claims and sweeps. */
  redisUrl: string;
  coralId: string;
  queues: readonly QueueConfig[];
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
    quality: r.quality,
    timedOut: r.sweep?.timedOut.length ?? 0,
    expiredTickets: r.sweep?.expiredTickets.length ?? 0,
    repairedTickets: r.sweep?.repairedTickets.length ?? 0,
    phases: r.phases,
  };
}

export function startLeaders(deps: LeadersDeps): Leaders {
  const { tuning, log } = deps;
  const connect = (what: string): RedisClient => {
    const r = createRedis(deps.redisUrl, { coalesceWrites: true });
    r.on('error', (error: unknown) => log.debug({ err: error }, `redis (${what}) connection error`));
    return r;
  };
  const redis = connect('matchmaker');
  const byMode = new Map<QueueModeId, MatchmakerLeader>();

  const add = (queue: QueueConfig, mode: QueueModeId) => {
    const leader = new MatchmakerLeader({
      redis,
      queue,
      slot: mode,
      // Leader spreading: the slot's live Corals are ranked by rendezvous hashing.
      candidateId: deps.coralId,
      othersLed: () => {
        let n = 0;
        for (const [slot, l] of byMode) if (slot !== mode && l.isLeader) n++;
        return n;
      },
      ownerId: `${deps.coralId}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`,
      tickMs: tuning.tickMs,
      leaseTtlMs: tuning.leaseTtlMs,
      sweepEveryMs: tuning.sweepEveryMs,
      graceMs: tuning.graceMs,
      ...(tuning.acceptTimeoutMs ? { acceptTimeoutMs: tuning.acceptTimeoutMs } : {}),
      onCreationsDue: (m, pms) => deps.onCreationsDue(m, pms),
      onTick: (r) => {
        if (r.claimed > 0 && log.isLevelEnabled('debug')) {
          const ms = Object.fromEntries(Object.entries(r.phases).map(([k, v]) => [k, Math.round(v)]));
          log.debug(
            { mode, waiting: r.waiting, claimed: r.claimed, conflicts: r.conflicts, maxWaitMs: r.waits.reduce((a, b) => Math.max(a, b), 0), phasesMs: ms },
            'matchmaker tick',
          );
        }
        deps.onTick(mode, summarize(r));
      },
      onError: (error) => log.warn({ err: error, mode }, 'matchmaker tick failed'),
    });
    byMode.set(mode, leader);
    leader.start();
  };
  for (const queue of deps.queues) for (const slot of slotsOfQueue(queue)) add(queue, slot);

  return {
    byMode,
    wake(mode) {
      byMode.get(mode)?.wake();
    },
    apply(open, closed) {
      for (const queue of open) {
        for (const slot of slotsOfQueue(queue)) {
          const leader = byMode.get(slot);
          if (leader) leader.setQueue(queue);
          else add(queue, slot);
        }
      }
      // A closed queue id drains every slot of it; a slot id drains that slot.
      for (const mode of closed) for (const [slot, leader] of byMode) if (slot === mode || queueOfSlot(slot) === mode) leader.drain();
    },
    async stop() {
      await Promise.all([...byMode.values()].map((l) => l.stop()));
      await closeRedis(redis);
    },
  };
}
