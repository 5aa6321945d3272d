/**
 * The matchmaker leader's view of one queue: the lease with its fencing epoch,
 * the waiting tickets, and the atomic claim (InQueue -> Prematch).
 */
import { QUEUE_DEFAULTS, type QueueModeId } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { queueKeys } from './keys.js';
import { parseReply, script } from './scripts.js';
import type { ClaimInput, ClaimOutcome, LeaseResult, MatchProposal, QueueStats, WaitingTicket } from './types.js';
import { arr, gameIdOf, newId } from './util.js';

/** SET NX PX lease; a new holder INCRs the epoch that claims and sweeps must present. */
export async function acquireOrRenewLease(
  redis: RedisClient,
  mode: QueueModeId,
  ownerId: string,
  ttlMs: number,
  candidate?: LeaseCandidate,
): Promise<LeaseResult> {
  const args: (string | number)[] = [ownerId, ttlMs];
  if (candidate) args.push(candidate.id, candidate.liveMs, candidate.mayTake ? '1' : '0');
  const [leader, epoch, held, ...candidates] = (await script(redis, 'lease')([queueKeys.tag(mode)], args)) as [number, number, number, ...string[]];
  return {
    leader: leader === 1,
    epoch: Number(epoch),
    ...(candidate ? { held: Number(held) === 1, candidates: candidates.map(String) } : {}),
  };
}

/** Leader spreading (docs/decisions/queues-001, section 2): who asks, and whether it may take a free lease. */
export interface LeaseCandidate {
  /** The Coral's id (the same on every leader it runs), ranked by rendezvous hashing per slot. */
  id: string;
  /** A candidate not seen for this long (by Redis's clock) is not live. */
  liveMs: number;
  /** Take the lease when it is free (the caller ranks first, or the lease was free for a whole TTL). */
  mayTake: boolean;
}

/** Give the lease up; `leavingCandidate`: also leave the slot's candidate set (a Coral stopping). */
export async function releaseLease(redis: RedisClient, mode: QueueModeId, ownerId: string, leavingCandidate?: string): Promise<boolean> {
  const [released] = await script(redis, 'lease-release')([queueKeys.tag(mode)], [ownerId, leavingCandidate ?? '']);
  return released === 1;
}

/** Claim one match. Fails whole (nothing changed) on a stale epoch or a ticket no longer queued. */
export async function claimPrematch(redis: RedisClient, input: ClaimInput): Promise<ClaimOutcome> {
  const [outcome] = await claimPrematches(redis, {
    mode: input.mode,
    epoch: input.epoch,
    proposals: [input.proposal],
    now: input.now,
    acceptTimeoutMs: input.acceptTimeoutMs,
  });
  return outcome as ClaimOutcome;
}

export interface ClaimBatchInput {
  mode: QueueModeId;
  epoch: number;
  proposals: readonly MatchProposal[];
  now?: number;
  acceptTimeoutMs?: number;
}

/**
 * Claim many matches in one round trip (scripts pipelined). A claim is one step: the lobbies are
 * not mirrored (they read `queued` through the ready check, coral-perf-006).
 */
export async function claimPrematches(redis: RedisClient, input: ClaimBatchInput): Promise<ClaimOutcome[]> {
  const now = input.now ?? Date.now();
  const deadline = now + (input.acceptTimeoutMs ?? QUEUE_DEFAULTS.readyCheckMs);
  const tag = queueKeys.tag(input.mode);
  const claim = script(redis, 'claim-prematch');
  const replies = await Promise.all(
    input.proposals.map((proposal) => {
      const pm = newId('pm_');
      return claim([tag], [input.epoch, pm, now, deadline, JSON.stringify(proposal.teams), gameIdOf(pm)]).then((raw) => ({
        pm,
        reply: parseReply(raw) as { r: number; ticket?: string; players?: unknown },
      }));
    }),
  );
  return replies.map(({ pm, reply }): ClaimOutcome => {
    if (reply.r === 1) return { ok: true, prematchId: pm, deadline, players: arr<string>(reply.players) };
    if (reply.r === -1) return { ok: false, code: 'STALE_EPOCH' };
    return { ok: false, code: 'TICKET_TAKEN', ...(reply.ticket ? { ticket: reply.ticket } : {}) };
  });
}

/**
 * The waiting tickets, oldest first. Entry details never change while a
 * ticket waits, so a caller-owned cache saves re-reading them every tick.
 */
export async function listWaiting(
  redis: RedisClient,
  mode: QueueModeId,
  cache?: Map<string, WaitingTicket>,
  seen?: WaitingReadState,
): Promise<WaitingTicket[]> {
  // One round trip: every waiting id with its score, and the details of the arrivals since the
  // newest score seen last time (all details without a cache).
  const since = cache && seen?.newest !== undefined && Number.isFinite(seen.newest) ? String(seen.newest) : '-inf';
  const reply = (await script(redis, 'waiting-read')([queueKeys.tag(mode)], [since])) as (string | number)[];
  const count = Number(reply[0]);
  const ids: string[] = new Array(count);
  let newest = -Infinity;
  for (let i = 0; i < count; i++) {
    ids[i] = String(reply[1 + 2 * i]);
    newest = Math.max(newest, Number(reply[2 + 2 * i]));
  }
  const fresh = new Map<string, WaitingTicket>();
  const parse = (ticket: string, [lobbyId, size, rating, queuedAt, players, sigma, lat, lastMoveAt]: (string | number | null)[]) => {
    if (!lobbyId || !players) return;
    fresh.set(ticket, {
      ticket,
      lobbyId: String(lobbyId),
      size: Number(size),
      rating: Number(rating),
      queuedAt: Number(queuedAt),
      players: JSON.parse(String(players)) as string[],
      ...(sigma !== null && sigma !== '' && Number.isFinite(Number(sigma)) ? { uncertainty: Number(sigma) } : {}),
      ...(lat ? { latencies: parseWorst(String(lat)) } : {}),
      ...(lastMoveAt !== null && lastMoveAt !== '' && Number.isFinite(Number(lastMoveAt)) ? { lastMoveAt: Number(lastMoveAt) } : {}),
    });
  };
  for (let i = 1 + 2 * count; i + 8 < reply.length; i += 9) parse(String(reply[i]), reply.slice(i + 1, i + 9));
  // Older tickets without details here (a requeue keeps its queue time; a new cache): read apart.
  const unknown = ids.filter((t) => !fresh.has(t) && !cache?.has(t));
  if (unknown.length > 0) {
    const fields = await Promise.all(
      unknown.map((t) => redis.hmget(queueKeys.ticket(mode, t), 'lobby', 'size', 'rating', 'queuedAt', 'players', 'sigma', 'lat', 'lastMoveAt')),
    );
    unknown.forEach((t, i) => parse(t, fields[i] as (string | null)[]));
  }
  if (seen) {
    seen.fresh = cache ? ids.reduce((n, t) => n + (cache.has(t) ? 0 : 1), 0) : ids.length;
    if (Number.isFinite(newest)) seen.newest = newest;
  }
  if (cache) {
    const live = new Set(ids);
    for (const t of cache.keys()) if (!live.has(t)) cache.delete(t);
    for (const [t, w] of fresh) if (live.has(t)) cache.set(t, w);
  }
  const out: WaitingTicket[] = [];
  for (const t of ids) {
    const w = cache?.get(t) ?? fresh.get(t);
    if (w) out.push(w);
  }
  return out;
}

/** An entry's `lat` field (JSON region -> ms); a malformed one constrains to nothing reachable. */
function parseWorst(raw: string): Record<string, number> {
  try {
    const value = JSON.parse(raw) as unknown;
    const out: Record<string, number> = {};
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** What the leader keeps between waiting reads: the newest score seen, and (out) how many tickets were new. */
export interface WaitingReadState {
  fresh: number;
  newest?: number;
}

/** Players searching (waiting, party sizes summed) in each of these slots; 0 for a slot nobody used yet. */
export async function getSearching(redis: RedisClient, slots: readonly QueueModeId[]): Promise<number[]> {
  const counts = await Promise.all(slots.map((slot) => redis.hget(queueKeys.stats(slot), 'searching')));
  return counts.map((n) => Math.max(0, Number(n ?? 0) || 0));
}

/** Status numbers for queued players: players searching, and the median of recent waits. */
export async function getQueueStats(redis: RedisClient, mode: QueueModeId): Promise<QueueStats> {
  const [searching, waits] = await Promise.all([redis.hget(queueKeys.stats(mode), 'searching'), redis.lrange(queueKeys.waits(mode), 0, -1)]);
  const sorted = waits
    .map(Number)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const estimatedWaitMs = sorted.length === 0 ? null : (sorted[Math.floor(sorted.length / 2)] as number);
  return { mode, searching: Math.max(0, Number(searching ?? 0)), estimatedWaitMs };
}
