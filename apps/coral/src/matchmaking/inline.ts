/**
 * The matchmaker on the main thread: for in-process tests, which build Corals
 * without a TypeScript loader for worker threads. Same leaders, same Redis
 * connections as the thread; only the scheduling differs.
 */
import { startLeaders } from './leaders.js';
import { leaderTuning, wakeModeOf, type Matchmaking, type MatchmakingDeps } from './matchmaking.js';
import { observeTick, startDueCreations } from './observe.js';

export function startInlineMatchmaking(deps: MatchmakingDeps): Matchmaking {
  const { config, log, metrics } = deps;
  const leaders = startLeaders({
    redisUrl: config.redisUrl,
    coralId: config.coralId,
    modes: config.modes,
    tuning: leaderTuning(config),
    log,
    onTick: (mode, summary) => observeTick(metrics, mode, summary),
    onCreationsDue: (mode, pms) => startDueCreations(deps, mode, pms),
  });
  const wakeMode = wakeModeOf(config.modes);
  return {
    onQueueEvent(channel, raw) {
      const mode = wakeMode(channel, raw);
      if (mode) leaders.wake(mode);
    },
    stop: () => leaders.stop(),
  };
}
