import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one Coral process (GET /metrics). A registry per instance so tests can build several. */
export function createCoralMetrics(coralId: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ coral: coralId });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    connections: new Gauge({ name: 'coral_connections', help: 'Open player sockets on this Coral', registers: [registry] }),
    players: new Gauge({ name: 'coral_players', help: 'Distinct players with a socket on this Coral', registers: [registry] }),
    queuedPlayers: new Gauge({
      name: 'coral_queued_players',
      help: 'Players searching per mode (whole queue, from Redis)',
      labelNames: ['mode'],
      registers: [registry],
    }),
    matches: new Counter({ name: 'coral_matches_total', help: 'Prematches claimed by this Coral as leader', labelNames: ['mode'], registers: [registry] }),
    gamesCreated: new Counter({
      name: 'coral_games_created_total',
      help: 'Games this Coral allocated a server for',
      labelNames: ['mode'],
      registers: [registry],
    }),
    timeToMatch: new Histogram({
      name: 'coral_time_to_match_seconds',
      help: 'Queue time of lobbies when claimed into a prematch',
      labelNames: ['mode'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
      registers: [registry],
    }),
    matchDelay: new Histogram({
      name: 'coral_match_delay_seconds',
      help: 'From a match becoming possible (its newest lobby entering the queue) to its claim',
      labelNames: ['mode'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5, 10],
      registers: [registry],
    }),
    ratingSpread: new Histogram({
      name: 'coral_match_rating_spread',
      help: 'Per claimed match: highest minus lowest party rating (rating points)',
      labelNames: ['mode'],
      buckets: [0, 10, 25, 50, 100, 150, 200, 300, 400, 600, 800, 1200, 2000],
      registers: [registry],
    }),
    teamBalance: new Histogram({
      name: 'coral_match_team_balance',
      help: 'Per claimed match: difference of the highest and lowest team mean rating (rating points)',
      labelNames: ['mode'],
      buckets: [0, 5, 10, 25, 50, 75, 100, 150, 200, 300, 500, 1000],
      registers: [registry],
    }),
    highestLatency: new Histogram({
      name: 'coral_match_highest_latency_ms',
      help: 'Per claimed match in a queue that runs in regions: the highest member latency to the match region (ms, as the players reported it)',
      labelNames: ['queue', 'region'],
      buckets: [10, 20, 30, 40, 50, 60, 80, 100, 120, 150, 200, 300, 500, 1000, 2000],
      registers: [registry],
    }),
    tickDuration: new Histogram({
      name: 'coral_matchmaker_tick_seconds',
      help: 'Wall time of one matchmaker tick while leading (lease, waiting list, matching, claims, sweep)',
      labelNames: ['mode'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    claimConflicts: new Counter({
      name: 'coral_claim_conflicts_total',
      help: 'Claims refused (ticket taken or stale epoch)',
      labelNames: ['mode', 'code'],
      registers: [registry],
    }),
    recoveries: new Counter({
      name: 'coral_recoveries_total',
      help: 'Repairs by the sweeper and state resent by reconcile',
      labelNames: ['kind'],
      registers: [registry],
    }),
    frameErrors: new Counter({ name: 'coral_frame_errors_total', help: 'Frames refused with a typed error', labelNames: ['code'], registers: [registry] }),
    droppedPeers: new Counter({ name: 'coral_dropped_peers_total', help: 'Sockets dropped by the server', labelNames: ['reason'], registers: [registry] }),
    entriesShed: new Counter({
      name: 'coral_queue_entries_shed_total',
      help: 'Queue entries refused at once past measured capacity (BUSY/UNAVAILABLE, retryable)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    events: new Counter({ name: 'coral_queue_events_total', help: 'Queue events received over sharded pub/sub', labelNames: ['event'], registers: [registry] }),
  };
}
export type CoralMetrics = ReturnType<typeof createCoralMetrics>;

/** `coral_queue_entries_waiting`: queue entries held back by the entry gate, read at scrape time. */
export function registerEntriesWaitingGauge(metrics: CoralMetrics, read: () => number): void {
  new Gauge({
    name: 'coral_queue_entries_waiting',
    help: 'Queue entries (and cancels) waiting for a slot on this Coral (QUEUE_ENTRY_CONCURRENCY)',
    registers: [metrics.registry],
    collect() {
      this.set(read());
    },
  });
}

/** `coral_player_socket_cap`: the most player sockets this Coral holds (file-descriptor limit minus headroom, or MAX_PLAYER_SOCKETS). */
export function registerSocketGauges(metrics: CoralMetrics, cap: number): void {
  new Gauge({
    name: 'coral_player_socket_cap',
    help: 'Player sockets this Coral holds at most; past it INSTANCE_FULL (4421)',
    registers: [metrics.registry],
  }).set(cap);
}
