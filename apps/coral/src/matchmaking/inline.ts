/**
 * The matchmaker on the main thread: for in-process tests, which build Corals
 * without a TypeScript loader for worker threads. Same leaders, same Redis
 * connections as the thread; only the scheduling differs.
 */
import { queueEventWakesLeader } from '@glaceon/store';
import { startLeaders } from './leaders.js';
import { leaderTuning, servedQueues, type Matchmaking, type MatchmakingDeps } from './matchmaking.js';
import { observeTick, startDueCreations } from './observe.js';

export function startInlineMatchmaking(deps: MatchmakingDeps): Matchmaking {
  const { config, log, metrics } = deps;
  const leaders = startLeaders({
    redisUrl: config.redisUrl,
    coralId: config.coralId,
    queues: servedQueues(config),
    tuning: leaderTuning(config),
    log,
    onTick: (mode, summary) => observeTick(metrics, mode, summary),
    onCreationsDue: (mode, pms) => startDueCreations(deps, mode, pms),
  });
  return {
    onQueueEvent(mode, raw) {
      if (queueEventWakesLeader(raw)) leaders.wake(mode);
    },
    applyQueues: (open, closed) => leaders.apply(open, closed),
    stop: () => leaders.stop(),
  };
}
