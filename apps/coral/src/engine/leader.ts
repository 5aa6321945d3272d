/**
 * One matchmaker leader per queue mode. Every Coral runs one per mode; only
 * the lease holder matches. Each tick: renew (or take) the lease, read the
 * waiting tickets, run the matchmaker, claim its proposals in one pipelined
 * batch (every claim carries the lease's fencing epoch, so a paused old
 * leader can never claim), and every few ticks run the sweeper. `start()` is
 * the tick loop every Coral runs (matchmaking/leaders.ts); tests drive the same
 * loop, or `tick()` step by step.
 */
import { createHash } from 'node:crypto';
import { GlaceonError, latencyLimitMs, queueOfSlot, regionOfSlot, slotIdOf, type QueueConfig, type QueueModeId } from '@glaceon/protocol';
import {
  acquireOrRenewLease,
  appendLobbySystemLine,
  claimPrematches,
  listWaiting,
  drainWaiting,
  freeServerCapacity,
  getSearching,
  moveEntry,
  recordWhy,
  saveSizeWaits,
  loadSizeWaits,
  MAX_WAITS_PER_SIZE,
  releaseLease,
  sweep,
  type RedisClient,
  type SweepResult,
  type WaitingReadState,
  type WaitingTicket,
} from '@glaceon/store';
import type { QueueWhy } from '@glaceon/protocol';
import { findMatches, type MatchmakerOptions } from './matchmaker.js';
import { explainUnmatched } from './explain.js';
import { chooseRegionMoves, type RegionMovesOptions } from './region-moves.js';

/** How often a leading pass records why its unplaced lobbies wait (and how long a record lives). */
const WHY_EVERY_MS = 1000;
/** How many recent waits of a party size make an estimate (MAX_WAITS_PER_SIZE are kept). */
const MIN_WAITS_FOR_ESTIMATE = 3;
/** How often a leading pass looks for entries to move to a busier region's slot. */
const MOVES_EVERY_MS = 1000;
const WHY_TTL_MS = 10_000;

/** Proposals claimed per pipelined batch. */
const CLAIM_CHUNK = 1000;

/** What a leader reads of its queue's configuration (replaced on reload: `setQueue`). */
export type LeaderQueue = Pick<QueueConfig, 'id' | 'teams' | 'teamSize' | 'readyCheckMs' | 'rating'> & Partial<Pick<QueueConfig, 'latency' | 'regions'>>;

/**
 * Rendezvous hashing (highest random weight): the candidate ranked first for a slot. Every
 * Coral computes the same answer from the same live set, and when a Coral comes or goes only
 * the slots it ranks first for move.
 */
export function rendezvousWeight(slot: string, candidate: string): number {
  return createHash('sha1').update(slot).update('\n').update(candidate).digest().readUInt32BE(0);
}
export function rendezvousTop(slot: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestWeight = -1;
  for (const c of candidates) {
    const w = rendezvousWeight(slot, c);
    if (w > bestWeight || (w === bestWeight && best !== undefined && c < best)) {
      best = c;
      bestWeight = w;
    }
  }
  return best;
}

export interface MatchmakerLeaderOptions {
  redis: RedisClient;
  /** The queue this leader matches: its rules are the shape, ready check, rating window and latency limit. */
  queue: LeaderQueue;
  /**
   * The queue slot it leads (the store's "mode"): `<queue>@<region>` when the queue runs in
   * regions, where only entries within the latency limit to that region are matched. Default
   * the queue id (no region).
   */
  slot?: QueueModeId;
  /** Moving waiting entries between the queue's region slots (hysteresis, moves per pass); defaults in region-moves.ts. */
  regionMoves?: RegionMovesOptions;
  /**
   * Leader spreading: this Coral's id. The slot's live candidates are ranked by rendezvous
   * hashing; the first tries a free lease at once, the others only after it was free for a
   * whole TTL, and a leader that no longer ranks first hands the lease over. Absent: every
   * candidate tries at once (as before spreading).
   */
  candidateId?: string;
  /**
   * Leader spreading: how many other slots this Coral leads now. A leader hands its slot over
   * to the first-ranked Coral only while this is at least one: a Coral never gives up its last
   * slot of its own accord, so a queue with one slot changes leader only when its leader fails
   * (as before spreading), and many slots spread without flapping. Default: never hand over.
   */
  othersLed?: () => number;
  /** Unique per process (e.g. `coral-<host>-<pid>-<random>`). */
  ownerId: string;
  /** Default 100 ms. */
  tickMs?: number;
  /** Shortest gap between ticks when woken early (new tickets, or the last tick claimed or saw arrivals). Default tickMs / 5. */
  wakeGapMs?: number;
  /** Lease TTL; another Coral takes over within this after the leader dies. Default 2000 ms. */
  leaseTtlMs?: number;
  /** Default 500 ms. */
  sweepEveryMs?: number;
  /** Keep-alive grace before an unseen queued lobby leaves the queue. Default 30 s. */
  graceMs?: number;
  /** Half-finished cross-slot steps older than this are repaired. Default 5 s. */
  repairAfterMs?: number;
  /** Ready-check window for every queue (tests, chaos); default the queue's readyCheckMs. */
  acceptTimeoutMs?: number;
  matchmaker?: MatchmakerOptions;
  clock?: () => number;
  /** Prematches whose game creation is due (nobody started it, or its creator's lease lapsed). */
  onCreationsDue?: (mode: QueueModeId, prematchIds: string[]) => void;
  onError?: (error: unknown) => void;
  /** Every finished tick of the `start()` loop (leader or not). */
  onTick?: (result: TickResult) => void;
  /** Fault-injection seam for tests: runs after matching, before the claims are sent (e.g. to pause the leader there). */
  beforeClaim?: () => Promise<void>;
}

export interface TickResult {
  leader: boolean;
  epoch: number;
  waiting: number;
  /** Waiting tickets first seen this tick (arrived since the last one). */
  fresh: number;
  proposals: number;
  claimed: number;
  conflicts: number;
  staleRejected: number;
  matchedPlayers: number;
  /** Claimed matches: queue wait of every ticket (ms). */
  waits: number[];
  /**
   * Claimed matches: from the match becoming possible (its newest ticket's queuedAt) to the
   * claim's reply (ms). The matcher's own promptness, whatever the players' queue times.
   */
  sincePossible: number[];
  /** Claimed matches: rating spread (highest minus lowest party rating) and team balance (difference of team mean ratings). */
  quality: MatchQuality[];
  sweep: SweepResult | null;
  /** Waiting entries sent back to idle because the queue was closed (a draining leader only). */
  drained?: number;
  /** Entries this pass moved to another region's slot (queues-001 section 4). */
  moved?: number;
  /** Wall time of each phase of this tick (ms). */
  phases: { lease: number; list: number; match: number; claim: number; sweep: number };
}

export interface MatchQuality {
  ratingSpread: number;
  teamBalance: number;
  /** The highest worst-member latency (ms) to the slot's region among the match's parties (regions only; absent when none reported). */
  highestLatencyMs?: number;
}

/** A claimed match's quality from the waiting tickets it was made of (null when one is unknown). */
export function matchQuality(proposal: { teams: string[][] }, tickets: ReadonlyMap<string, WaitingTicket>, region?: string): MatchQuality | null {
  let lo = Infinity;
  let hi = -Infinity;
  const means: number[] = [];
  for (const team of proposal.teams) {
    let sum = 0;
    let players = 0;
    for (const id of team) {
      const t = tickets.get(id);
      if (!t) return null;
      lo = Math.min(lo, t.rating);
      hi = Math.max(hi, t.rating);
      sum += t.rating * t.size;
      players += t.size;
    }
    means.push(players > 0 ? sum / players : 0);
  }
  if (means.length === 0) return null;
  const quality: MatchQuality = { ratingSpread: hi - lo, teamBalance: Math.max(...means) - Math.min(...means) };
  if (region !== undefined) {
    let highest = -1;
    for (const team of proposal.teams)
      for (const id of team) {
        const lat = tickets.get(id)?.latencies?.[region];
        if (lat !== undefined) highest = Math.max(highest, lat);
      }
    if (highest >= 0) quality.highestLatencyMs = highest;
  }
  return quality;
}

/** Cumulative counters for /metrics. */
export interface LeaderCounters {
  ticks: number;
  matches: number;
  matchedPlayers: number;
  claimConflicts: number;
  staleEpochRejections: number;
  timedOut: number;
  expiredTickets: number;
  recoveries: number;
  leadershipsTaken: number;
  /** Waiting entries moved to another region's slot. */
  moves: number;
}

export class MatchmakerLeader {
  /** The slot (the store's mode). */
  readonly mode: QueueModeId;
  /** The slot's region (undefined: the queue runs in no region). */
  readonly region: string | undefined;
  readonly counters: LeaderCounters = {
    ticks: 0,
    matches: 0,
    matchedPlayers: 0,
    claimConflicts: 0,
    staleEpochRejections: 0,
    timedOut: 0,
    expiredTickets: 0,
    recoveries: 0,
    leadershipsTaken: 0,
    moves: 0,
  };
  private readonly o: Required<
    Omit<
      MatchmakerLeaderOptions,
      | 'onCreationsDue'
      | 'onError'
      | 'onTick'
      | 'wakeGapMs'
      | 'matchmaker'
      | 'acceptTimeoutMs'
      | 'beforeClaim'
      | 'slot'
      | 'regionMoves'
      | 'candidateId'
      | 'othersLed'
    >
  > &
    MatchmakerLeaderOptions;
  private readonly cache = new Map<string, WaitingTicket>();
  /** Newest queue time seen by the waiting read (arrivals after it come with their details). */
  private seen: WaitingReadState = { fresh: 0 };
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private ticking = false;
  private woken = false;
  /** Date.now() when the loop's last tick started. */
  private lastStart = 0;
  private readonly wakeGapMs: number;
  private current: Promise<unknown> = Promise.resolve();
  private lastSweep = -Infinity;
  private lastWhy = -Infinity;
  private lastMoves = -Infinity;
  /**
   * Recent waits (ms, newest last) of matched entries by party size: the per-size estimate in
   * `why`. Saved to the slot when changed (with the why record), read back on taking the lease.
   */
  private waitsBySize = new Map<number, number[]>();
  private waitsChanged = false;
  private lastWaitsSave = -Infinity;
  /** performance.now() when the lease was last renewed (taken before the call: the lease outlives it). */
  private renewedAt = -Infinity;
  private held = { leader: false, epoch: 0 };
  /** Leader spreading: the slot's live candidates at the last lease call, and since when the lease is seen free. */
  private candidates: string[] = [];
  private heldSince: number | undefined;
  private freeSince: number | undefined;

  private queue: LeaderQueue;
  private draining = false;
  private readonly regionMoves: RegionMovesOptions | undefined;

  constructor(options: MatchmakerLeaderOptions) {
    this.regionMoves = options.regionMoves;
    this.mode = options.slot ?? options.queue.id;
    if (queueOfSlot(this.mode) !== options.queue.id) throw new Error(`slot ${this.mode} is not a slot of ${options.queue.id}`);
    this.region = regionOfSlot(this.mode);
    this.queue = options.queue;
    this.o = {
      tickMs: 100,
      leaseTtlMs: 2000,
      sweepEveryMs: 500,
      graceMs: 30_000,
      repairAfterMs: 5_000,
      clock: Date.now,
      ...options,
    };
    this.wakeGapMs = options.wakeGapMs ?? Math.max(1, Math.floor(this.o.tickMs / 5));
  }

  get isLeader(): boolean {
    return this.held.leader;
  }
  get epoch(): number {
    return this.held.epoch;
  }

  /**
   * Tick every `tickMs`, sooner (`wakeGapMs`) while leading and busy: the last tick claimed
   * matches or saw new tickets (a burst: more are arriving), or `wake()` was called meanwhile.
   * Arrivals keep a leading tick going without waiting for the wake, which comes through the
   * main thread's subscriber and is late when that thread is busiest.
   */
  /** A reloaded configuration changed this queue's rules (or reopened it): the next tick uses them. */
  setQueue(queue: LeaderQueue): void {
    if (queue.id !== queueOfSlot(this.mode)) throw new Error(`leader of ${this.mode} cannot take the rules of ${queue.id}`);
    this.queue = queue;
    this.draining = false;
  }

  /** A reloaded configuration removed this queue: from the next tick, drain instead of matching. */
  drain(): void {
    this.draining = true;
    this.wake();
  }

  get isDraining(): boolean {
    return this.draining;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  /** A new matchable ticket (`queued`/`requeued` event): when leading, tick soon. */
  wake(): void {
    if (!this.running || !this.held.leader) return;
    if (this.ticking) {
      this.woken = true;
      return;
    }
    if (this.woken) return; // an early tick is already scheduled
    this.woken = true;
    this.schedule(this.wakeGapMs - (Date.now() - this.lastStart));
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), Math.max(0, delayMs));
  }

  private async loop(): Promise<void> {
    if (!this.running) return;
    const started = Date.now();
    this.ticking = true;
    this.woken = false;
    this.lastStart = started;
    let busy = false;
    this.current = this.tick().then(
      (r) => {
        busy = r.claimed > 0 || r.fresh > 0;
        this.o.onTick?.(r);
      },
      (error: unknown) => this.o.onError?.(error),
    );
    await this.current;
    this.ticking = false;
    if (!this.running) return;
    const soon = (busy || this.woken) && this.held.leader;
    this.schedule((soon ? this.wakeGapMs : this.o.tickMs) - (Date.now() - started));
  }

  /** Stop ticking and hand the lease over at once (graceful shutdown). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
    if (this.held.leader || this.o.candidateId) await releaseLease(this.o.redis, this.mode, this.o.ownerId, this.o.candidateId).catch(() => false);
    this.held = { leader: false, epoch: this.held.epoch };
    this.renewedAt = -Infinity;
  }

  /**
   * Take or renew the lease. A leader that renewed less than a quarter of the TTL ago skips the
   * round trip (a burst ticks every few ms): its lease still has at least three quarters of its
   * TTL to run, and every claim and sweep presents the epoch anyway, so a leader that lost the
   * lease can never act on it. Real time, not the injectable clock: the TTL runs in Redis.
   */
  private async renewLease(force: boolean): Promise<{ leader: boolean; epoch: number }> {
    const started = performance.now();
    if (!force && this.held.leader && started - this.renewedAt < this.o.leaseTtlMs / 4) return this.held;
    const id = this.o.candidateId;
    if (!id) {
      const lease = await acquireOrRenewLease(this.o.redis, this.mode, this.o.ownerId, this.o.leaseTtlMs);
      this.renewedAt = lease.leader ? started : -Infinity;
      return lease;
    }
    // Leader spreading: the first-ranked live candidate takes a free lease at once; the others
    // wait until it was seen free for a whole TTL (the first-ranked one is gone or stuck).
    const now = Date.now();
    const top = rendezvousTop(this.mode, this.candidates.includes(id) ? this.candidates : [...this.candidates, id]);
    // The first call only learns who is live (a Coral starting never grabs a lease it does not rank first for).
    const mayTake = this.candidates.length > 0 && (top === id || (this.freeSince !== undefined && now - this.freeSince >= this.o.leaseTtlMs));
    // Live = seen within 1.5 TTLs (followers call every tick, a leader every quarter TTL): a dead
    // first-ranked Coral drops out about when its lease lapses, and the next one takes over at once.
    const lease = await acquireOrRenewLease(this.o.redis, this.mode, this.o.ownerId, this.o.leaseTtlMs, {
      id,
      liveMs: Math.round(this.o.leaseTtlMs * 1.5),
      mayTake,
    });
    this.candidates = lease.candidates ?? [];
    this.freeSince = lease.held ? undefined : (this.freeSince ?? now);
    if (lease.leader) {
      const first = rendezvousTop(this.mode, this.candidates);
      // Another live Coral ranks first now (it came back, or just started) and this Coral leads
      // other slots too: hand the lease over; it takes it on its next tick. Held at least two
      // TTLs first, so leadership never flaps.
      const mayHandOver = (this.o.othersLed?.() ?? 0) >= 1;
      if (mayHandOver && first !== undefined && first !== id && this.heldSince !== undefined && now - this.heldSince >= this.o.leaseTtlMs * 2) {
        await releaseLease(this.o.redis, this.mode, this.o.ownerId).catch(() => false);
        this.heldSince = undefined;
        this.renewedAt = -Infinity;
        this.freeSince = undefined;
        return { leader: false, epoch: lease.epoch };
      }
      this.heldSince ??= now;
    } else this.heldSince = undefined;
    this.renewedAt = lease.leader ? started : -Infinity;
    return { leader: lease.leader, epoch: lease.epoch };
  }

  /**
   * The entries matchable in this slot now: all of them without a region; with one, those with
   * no latency constraint or whose worst member latency to the region is within the limit
   * their wait has reached (`min(capMs, maxMs + widenPerSecond * wait)`). No Redis round trip.
   */
  private inReach(waiting: WaitingTicket[], now: number): WaitingTicket[] {
    const region = this.region;
    const rules = this.queue.latency;
    if (region === undefined || !rules) return waiting;
    return waiting.filter((t) => !t.latencies || (t.latencies[region] ?? Infinity) <= latencyLimitMs(rules, now - t.queuedAt));
  }

  /** Why, for a slot with a region: the limit and latency on every record; `no_region_in_reach` for entries not within it. */
  private explainLatency(waiting: readonly WaitingTicket[], why: Map<string, QueueWhy>, now: number): void {
    const region = this.region;
    const rules = this.queue.latency;
    if (region === undefined || !rules) return;
    for (const t of waiting) {
      const exact = latencyLimitMs(rules, now - t.queuedAt);
      const limit = Math.round(exact);
      // Undefined: nobody in the lobby reported (unconstrained), or a reporting member did not report this region.
      const own = t.latencies ? t.latencies[region] : undefined;
      const found = why.get(t.lobbyId);
      if (found) {
        found.latencyLimitMs = limit;
        if (own !== undefined) found.latencyMs = Math.round(own);
        continue;
      }
      if (!t.latencies || (own !== undefined && own <= exact)) continue; // in reach: placed this pass
      // Out of reach: its best region's worst member latency, so the player sees how far it is.
      const best = Object.values(t.latencies).reduce((a, b) => Math.min(a, b), own ?? Infinity);
      why.set(t.lobbyId, {
        reason: 'no_region_in_reach',
        playersInWindow: 0,
        playersNeeded: Math.max(0, this.queue.teams * this.queue.teamSize - t.size),
        nearestGap: null,
        window: 0,
        at: now,
        latencyLimitMs: limit,
        ...(Number.isFinite(best) ? { latencyMs: Math.round(best) } : {}),
      });
    }
  }

  /** One iteration; public so tests drive it step by step. */
  async tick(): Promise<TickResult> {
    const { redis } = this.o;
    const mode = this.mode;
    const now = this.o.clock();
    const phases = { lease: 0, list: 0, match: 0, claim: 0, sweep: 0 };
    let mark = performance.now();
    const lap = (phase: keyof typeof phases) => {
      const t = performance.now();
      phases[phase] += t - mark;
      mark = t;
    };
    this.counters.ticks++;
    const lease = await this.renewLease(false);
    if (lease.leader && (!this.held.leader || lease.epoch !== this.held.epoch)) {
      this.counters.leadershipsTaken++;
      this.cache.clear();
      this.seen = { fresh: 0 };
      this.lastSweep = -Infinity;
      // The previous leader's recent waits by party size, so each party's estimate survives the
      // change (a hint: without it the screen shows the slot's overall estimate for a while).
      const saved = await loadSizeWaits(redis, mode).catch((error: unknown) => {
        this.o.onError?.(error);
        return undefined;
      });
      if (saved && saved.size > 0) {
        this.waitsBySize = saved;
        this.waitsChanged = false;
      }
    }
    this.held = lease;
    lap('lease');
    const result: TickResult = {
      leader: lease.leader,
      epoch: lease.epoch,
      waiting: 0,
      fresh: 0,
      proposals: 0,
      claimed: 0,
      conflicts: 0,
      staleRejected: 0,
      matchedPlayers: 0,
      waits: [],
      sincePossible: [],
      quality: [],
      sweep: null,
      phases,
    };
    if (!lease.leader) {
      this.cache.clear();
      this.seen = { fresh: 0 };
      return result;
    }

    const waiting = await listWaiting(redis, mode, this.cache, this.seen);
    result.waiting = waiting.length;
    result.fresh = this.seen.fresh;
    lap('list');
    const q = this.queue;
    let proposals: ReturnType<typeof findMatches> = [];
    if (this.draining) {
      // The queue was removed from the configuration: nobody new is matched, everyone waiting
      // is sent back to idle (`queue_closed`); ready checks already running settle as usual.
      if (waiting.length > 0) {
        result.drained = await drainWaiting(redis, mode, waiting, now);
        for (const w of waiting) this.cache.delete(w.ticket);
      }
    } else {
      const window = { baseWidth: q.rating.initialWindow, widenPerSecond: q.rating.widenPerSecond, maxWidth: q.rating.maxWindow };
      proposals = findMatches(this.inReach(waiting, now), q, now, { window, ...this.o.matchmaker });
    }
    result.proposals = proposals.length;
    lap('match');
    if (proposals.length > 0) {
      await this.o.beforeClaim?.();
      // Claim in pipelined chunks, renewing the lease between them so a big
      // batch never outlives it (the epoch still fences every single claim).
      for (let start = 0; start < proposals.length; start += CLAIM_CHUNK) {
        if (start > 0) {
          const renewed = await this.renewLease(true);
          if (!renewed.leader || renewed.epoch !== lease.epoch) {
            result.staleRejected++;
            break;
          }
        }
        const chunk = proposals.slice(start, start + CLAIM_CHUNK);
        const outcomes = await claimPrematches(redis, {
          mode,
          epoch: lease.epoch,
          proposals: chunk,
          now,
          acceptTimeoutMs: this.o.acceptTimeoutMs ?? q.readyCheckMs,
        });
        const claimedAt = this.o.clock();
        outcomes.forEach((outcome, i) => {
          const proposal = chunk[i];
          if (!proposal) return;
          if (outcome.ok) {
            result.claimed++;
            result.matchedPlayers += outcome.players.length;
            let possibleAt = -Infinity;
            const quality = matchQuality(proposal, this.cache, this.region);
            if (quality) result.quality.push(quality);
            for (const t of proposal.tickets) {
              const w = this.cache.get(t);
              if (w) {
                result.waits.push(now - w.queuedAt);
                this.noteWait(w.size, now - w.queuedAt);
                possibleAt = Math.max(possibleAt, w.queuedAt);
              }
              this.cache.delete(t);
            }
            if (Number.isFinite(possibleAt)) result.sincePossible.push(Math.max(0, claimedAt - possibleAt));
          } else if (outcome.code === 'STALE_EPOCH') {
            result.staleRejected++;
          } else {
            result.conflicts++;
          }
        });
        if (result.staleRejected > 0) break;
      }
      lap('claim');
      this.counters.matches += result.claimed;
      this.counters.matchedPlayers += result.matchedPlayers;
      this.counters.claimConflicts += result.conflicts;
      this.counters.staleEpochRejections += result.staleRejected;
      if (result.staleRejected > 0) {
        // A newer leader exists: stand down until the lease says otherwise.
        this.held = { leader: false, epoch: lease.epoch };
        result.leader = false;
        return result;
      }
    }

    // Why not matched yet, for queue.status: at most once a second, for what this pass left.
    if (!this.draining && waiting.length > 0 && now - this.lastWhy >= WHY_EVERY_MS) {
      this.lastWhy = now;
      const placed = new Set(proposals.flatMap((p) => p.tickets));
      const window = { baseWidth: q.rating.initialWindow, widenPerSecond: q.rating.widenPerSecond, maxWidth: q.rating.maxWindow, ...this.o.matchmaker?.window };
      const why = explainUnmatched(this.inReach(waiting, now), placed, q, now, window);
      this.explainLatency(waiting, why, now);
      this.estimateBySize(waiting, why);
      if (this.region !== undefined && [...why.values()].some((w) => w.reason === 'matching')) {
        // A match is possible but the region has no free game server: say so (the match would
        // wait for one after the ready check; game.pending tells the players then).
        const capacity = await freeServerCapacity(redis, this.region).catch(() => undefined);
        if (capacity && capacity.free === 0) for (const w of why.values()) if (w.reason === 'matching') w.reason = 'waiting_for_server';
      }
      await recordWhy(redis, mode, why, WHY_TTL_MS).catch((error: unknown) => this.o.onError?.(error));
    }

    // The recent waits by party size, for the next leader: at most once a second, when changed.
    if (!this.draining && this.waitsChanged && now - this.lastWaitsSave >= WHY_EVERY_MS) {
      this.lastWaitsSave = now;
      await this.saveWaits();
    }

    // Entries this pass could not place move to a region where more players wait, once their
    // widened latency limit reaches it (queues-001 section 4): at most once a second per slot.
    if (
      !this.draining &&
      this.region !== undefined &&
      (q.regions?.length ?? 0) > 1 &&
      q.latency &&
      waiting.length > 0 &&
      now - this.lastMoves >= MOVES_EVERY_MS
    ) {
      this.lastMoves = now;
      const placed = new Set(proposals.flatMap((p) => p.tickets));
      const moved = await this.moveTowardPlayers(
        waiting.filter((w) => !placed.has(w.ticket)),
        lease.epoch,
        now,
      );
      if (moved === 'stale') {
        this.counters.staleEpochRejections++;
        this.held = { leader: false, epoch: lease.epoch };
        result.leader = false;
        return result;
      }
      result.moved = moved;
    }

    // A tick that claimed matches leaves the sweep (a few round trips) to the next one, so a burst
    // is claimed without pauses; a sweep is never put off by more than one extra period.
    const sweepDue = now - this.lastSweep >= this.o.sweepEveryMs * (result.claimed > 0 ? 2 : 1);
    if (sweepDue) {
      this.lastSweep = now;
      try {
        result.sweep = await sweep(redis, mode, lease.epoch, now, { graceMs: this.o.graceMs, repairAfterMs: this.o.repairAfterMs });
      } catch (error) {
        if (error instanceof GlaceonError && error.code === 'STALE_EPOCH') {
          this.counters.staleEpochRejections++;
          this.held = { leader: false, epoch: lease.epoch };
          result.leader = false;
          return result;
        }
        throw error;
      }
      lap('sweep');
      this.counters.timedOut += result.sweep.timedOut.length;
      for (const playerId of result.sweep.notAccepted) await appendLobbySystemLine(redis, { event: 'match.not_accepted', player: playerId });
      this.counters.expiredTickets += result.sweep.expiredTickets.length;
      this.counters.recoveries += result.sweep.repairedTickets.length + result.sweep.repairedMoves.length;
      if (result.sweep.creationsDue.length > 0) this.o.onCreationsDue?.(mode, result.sweep.creationsDue);
    }
    return result;
  }

  private noteWait(size: number, waitMs: number): void {
    let list = this.waitsBySize.get(size);
    if (!list) this.waitsBySize.set(size, (list = []));
    list.push(Math.max(0, waitMs));
    if (list.length > MAX_WAITS_PER_SIZE) list.splice(0, list.length - MAX_WAITS_PER_SIZE);
    this.waitsChanged = true;
  }

  /** Write the recent waits by party size for the next leader (a failed write is retried on a later pass). */
  private async saveWaits(): Promise<void> {
    this.waitsChanged = false;
    await saveSizeWaits(this.o.redis, this.mode, this.waitsBySize).catch((error: unknown) => {
      this.waitsChanged = true;
      this.o.onError?.(error);
    });
  }

  /**
   * Each unplaced lobby's estimated wait for its party size in this slot (queue and region):
   * the median of the slot's recent matches of that size, once it has a few. A new leader
   * starts from the waits its predecessor saved (loadSizeWaits).
   */
  private estimateBySize(waiting: readonly WaitingTicket[], why: Map<string, QueueWhy>): void {
    const medians = new Map<number, number>();
    for (const [size, list] of this.waitsBySize) {
      if (list.length < MIN_WAITS_FOR_ESTIMATE) continue;
      const sorted = [...list].sort((a, b) => a - b);
      medians.set(size, Math.round(sorted[Math.floor(sorted.length / 2)] as number));
    }
    for (const w of waiting) {
      const record = why.get(w.lobbyId);
      const estimate = medians.get(w.size);
      if (record && estimate !== undefined) record.estimatedWaitMs = estimate;
    }
  }

  /**
   * Move waiting entries to another region's slot of this queue where more players wait and
   * their latency is within the widened limit (chooseRegionMoves), each with the store's
   * crash-safe moveEntry. Returns how many moved, or 'stale' when a newer leader fenced us.
   */
  private async moveTowardPlayers(waiting: readonly WaitingTicket[], epoch: number, now: number): Promise<number | 'stale'> {
    const region = this.region;
    const latency = this.queue.latency;
    if (region === undefined || !latency) return 0;
    const { redis } = this.o;
    const others = (this.queue.regions ?? []).filter((r) => r !== region);
    const counts = await getSearching(
      redis,
      others.map((r) => slotIdOf(this.queue.id, r)),
    );
    const searching = Object.fromEntries(others.map((r, i) => [r, counts[i] ?? 0]));
    const searchingHere = waiting.reduce((n, w) => n + w.size, 0);
    const moves = chooseRegionMoves({
      queueId: this.queue.id,
      region,
      latency,
      now,
      searchingHere,
      searching,
      ...(this.regionMoves ? { options: this.regionMoves } : {}),
      // An entry with no latency report is unconstrained and follows the bigger pool too.
      entries: waiting.map((w) => ({
        ticket: w.ticket,
        lobbyId: w.lobbyId,
        size: w.size,
        queuedAt: w.queuedAt,
        ...(w.latencies !== undefined ? { worstLatencyMs: w.latencies } : {}),
        ...(w.lastMoveAt !== undefined ? { lastMoveAt: w.lastMoveAt } : {}),
      })),
    });
    let moved = 0;
    let stale = false;
    await Promise.all(
      moves.map(async (m) => {
        try {
          const r = await moveEntry(redis, { from: m.from, to: m.to, ticket: m.ticket, lobbyId: m.lobbyId, epoch, now });
          if (r.moved) {
            moved++;
            this.cache.delete(m.ticket);
          }
        } catch (error) {
          if (error instanceof GlaceonError && error.code === 'STALE_EPOCH') stale = true;
          else this.o.onError?.(error);
        }
      }),
    );
    this.counters.moves += moved;
    return stale ? 'stale' : moved;
  }
}
