import { claimDueGameEndings, sweepFleet, timeOutFleetGames, type HistoryRetention, type RedisClient } from '@glaceon/store';
import type { FleetHooks, FleetLog } from './hooks.js';
import { deliverGameEnding } from './settle.js';

export interface FleetSweeper {
  /** One pass now (tests, shutdown); resolves with what it did. */
  tick(): Promise<{ removedServerIds: string[]; delivered: string[] }>;
  stop(): Promise<void>;
}

/**
 * Fleet health: every intervalMs, drop servers past their heartbeat deadline (judged against
 * this Coral's own measured stalls: `graceMs`)
 * (their games end 'server_lost'), end games past their maximum length ('timeout'), and deliver every ended game whose
 * onGameEnded hook was not acknowledged (the caller died, or the hook threw).
 * Any number of Corals may run it: the sweep is one atomic script and each
 * outbox entry is claimed before delivery, so each game ends once.
 */
export function startFleetSweeper(options: {
  redis: RedisClient;
  /**
   * The connection the sweep itself runs on (default `redis`): Coral gives the fleet's liveness
   * its own connection, so a sweep and heartbeats never wait behind pipelines of player commands.
   */
  livenessRedis?: RedisClient;
  /** This process's measured stall time (ms) of the recent past: passed to the sweep as grace. */
  graceMs?: () => number;
  /** This Coral's id: its grace is published for the other sweepers (sweep-2.lua). */
  coralId?: string;
  intervalMs?: number;
  hooks: FleetHooks;
  log: FleetLog;
  /** Match history bounds (store defaults when absent). */
  retention?: HistoryRetention;
}): FleetSweeper {
  const { redis, hooks, log } = options;
  const intervalMs = options.intervalMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function tick(): Promise<{ removedServerIds: string[]; delivered: string[] }> {
    const graceMs = options.graceMs?.() ?? 0;
    const swept = await sweepFleet(options.livenessRedis ?? redis, { graceMs, ...(options.coralId ? { coralId: options.coralId } : {}) });
    if (swept.removedServerIds.length > 0) {
      log.warn({ servers: swept.removedServerIds, games: swept.endedGameIds.length, graceMs }, 'fleet servers lost (heartbeat deadline passed)');
    } else if (graceMs > 1000) {
      log.warn({ graceMs }, 'fleet sweep: this Coral stalled recently; heartbeat deadlines judged with that much grace');
    }
    // Games past their mode's maximum length end 'timeout' (a live server that never reports an end).
    const timedOut = await timeOutFleetGames(redis);
    if (timedOut.length > 0) log.warn({ games: timedOut }, 'fleet games past their maximum length ended (timeout)');
    const delivered: string[] = [];
    // The games just ended are in the outbox claimed for 30 s; deliver them now rather than waiting.
    for (const gameId of [...swept.endedGameIds, ...timedOut]) {
      if (await deliverGameEnding(redis, gameId, hooks, log, options.retention)) delivered.push(gameId);
    }
    for (const gameId of await claimDueGameEndings(redis)) {
      if (await deliverGameEnding(redis, gameId, hooks, log, options.retention)) delivered.push(gameId);
    }
    return { removedServerIds: swept.removedServerIds, delivered };
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => log.error({ err: error }, 'fleet sweep failed'))
        .finally(schedule);
    }, intervalMs);
  };
  schedule();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
