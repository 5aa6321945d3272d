import type { QueueModeId, QueueWhy } from '@glaceon/protocol';
import { readWhy, touchPlayers, type RedisClient } from '@glaceon/store';
import type { CoralConfig } from '../config/config.js';
import { servedSlots } from '../config/reload.js';
import type { CoralMetrics } from '../metrics/metrics.js';
import type { Notify } from './notify.js';
import type { QueueStatsBoard } from './queue-stats.js';
import type { PlayerLocalState, PlayerRegistry } from './registry.js';

export interface StatusDeps {
  redis: RedisClient;
  config: Pick<CoralConfig, 'modes' | 'queues' | 'drainingSlots' | 'statusMs'>;
  metrics: CoralMetrics;
  registry: Pick<PlayerRegistry, 'inSlot'>;
  notify: Pick<Notify, 'status'>;
  stats: QueueStatsBoard;
}

/** Periodic work for queued players: the queue figures, `queue.status`, and the keep-alive. */
export class StatusRoom {
  constructor(private readonly deps: StatusDeps) {}

  async refreshStats(): Promise<void> {
    await this.deps.stats.refresh(this.deps.redis, servedSlots(this.deps.config), this.deps.metrics);
  }

  async pushStatus(slot: number): Promise<void> {
    const { config, registry, notify, stats } = this.deps;
    await this.refreshStats();
    const now = Date.now();
    const due: { entry: PlayerLocalState; lobbyId: string; mode: QueueModeId; queuedAt: number }[] = [];
    for (const entry of registry.inSlot(slot)) {
      const k = entry.known;
      if (k.state !== 'queued') continue;
      // Just told (queued a moment ago, or resumed): the next round is soon enough.
      if (entry.statusAt !== undefined && now - entry.statusAt < config.statusMs / 2) continue;
      due.push({ entry, lobbyId: k.lobbyId, mode: k.mode, queuedAt: k.queuedAt });
    }
    // Why each lobby still waits, as the leader's last pass saw it (one read per queue).
    const why = new Map<string, QueueWhy>();
    const lobbiesByMode = new Map<QueueModeId, Set<string>>();
    for (const d of due) {
      let set = lobbiesByMode.get(d.mode);
      if (!set) lobbiesByMode.set(d.mode, (set = new Set()));
      set.add(d.lobbyId);
    }
    for (const [mode, lobbies] of lobbiesByMode) {
      const found = await readWhy(this.deps.redis, mode, [...lobbies]).catch(() => new Map<string, QueueWhy>());
      for (const [lobbyId, w] of found) why.set(lobbyId, w);
    }
    for (const d of due) notify.status(d.entry, stats.statusOf(d.lobbyId, d.mode, d.queuedAt, now, why.get(d.lobbyId)), now);
  }

  /** Queued players whose socket lives here stay in the queue: refresh their last-seen time. */
  async keepAlive(slot: number): Promise<void> {
    const byMode = new Map<QueueModeId, string[]>();
    for (const entry of this.deps.registry.inSlot(slot)) {
      const k = entry.known;
      if (k.state !== 'queued') continue;
      let list = byMode.get(k.mode);
      if (!list) byMode.set(k.mode, (list = []));
      list.push(entry.playerId);
    }
    for (const [mode, players] of byMode) {
      for (let i = 0; i < players.length; i += 500) await touchPlayers(this.deps.redis, mode, players.slice(i, i + 500));
    }
  }
}
