/**
 * Model-based test of the lobby / queue / prematch state machine against a
 * real Redis: random start, cancel, claim (with fresh or stale epochs), accept,
 * decline, keep-alive, time + sweep (timeouts, grace), game ready and game
 * end, and moves of waiting entries between two slots (queues-001 section 4:
 * whole, crashed after any step, slow late steps, cancels meanwhile). After
 * every step the real state must equal the model and the global invariants
 * must hold, among them: at most one live entry per lobby across all slots,
 * and a queued lobby always has exactly one, the one its pointer names. On failure the message names the seed and the replay
 * path: rerun with MM_MODEL_SEED=<seed> MM_MODEL_PATH=<path>.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GlaceonError } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { chatKeys } from '../chat/keys.js';
import {
  abandonGameCreation,
  acceptMatch,
  acquireOrRenewLease,
  cancelQueue,
  claimPrematch,
  declineMatch,
  endGame,
  getPlayerMatchView,
  getPlayerMatchViews,
  getQueueStats,
  listWaiting,
  markGameReady,
  moveEntry,
  startQueue,
  sweep,
  touchPlayers,
} from './index.js';
import { queueKeys } from './keys.js';
import { makeLobby } from '../test-support/lobbies.js';
import { runJson } from './scripts.js';
import { moveSteps, type MoveRef } from './move.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { TEST_QUEUES } from '../test-support/queues.js';

const MODE = '2v2' as const;
/** The two slots of the queue: entries start in MODE (the queue id as a slot) and move between the two. */
const SLOTS = [MODE, '2v2@eu-west'] as const;
type Slot = (typeof SLOTS)[number];
const otherSlot = (s: Slot): Slot => (s === SLOTS[0] ? SLOTS[1] : SLOTS[0]);
const ACCEPT_MS = 20_000;
const GRACE_MS = 30_000;
const REPAIR_MS = 5_000;
const SIZES = [2, 1, 1, 2, 1];

/** `starting`: a Coral died between locking the lobby and activating its entry. */
type LState = 'idle' | 'starting' | 'queued' | 'prematch' | 'ingame';
interface MLobby {
  id: string;
  host: string;
  players: string[];
  state: LState;
  ticket: string | null;
  queuedAt: number;
  lastSeen: number;
  pm: string | null;
  idleReason: string | null;
  /** When the entry last changed without its lobby mirror (a Coral died between the slots); null when mirrored. */
  lagSince: number | null;
  startedAt: number;
  /** The slot the lobby points at (`queueMode`), where its entry lives. */
  slot: Slot;
  /**
   * A move left after step 1, 2 or 3 (a crashed or paused mover): steps 1-2 leave the lobby at
   * the source (entry `moving`), step 3 at the target (entry `starting`). After step 4 the lobby
   * is simply queued in the target, and the source half is a `residue`.
   */
  move: PendingMove | null;
}
interface PendingMove {
  ref: MoveRef;
  k: number;
  /** When step 1 ran (the source's outbox score) and step 2 (the target's). */
  outAt: number;
  inAt: number;
}
/** A mover that stopped after step k; a LateStep command may carry on with its next step. */
interface Zombie {
  lobby: number;
  ref: MoveRef;
  k: number;
  /** The entry copied at step 1 (step 2's input). */
  fields: string;
}
interface MPm {
  id: string;
  lobbies: number[];
  accepted: Set<string>;
  deadline: number;
  state: 'readycheck' | 'creating' | 'ready';
  gameId: string;
  slot: Slot;
}
interface Model {
  lobbies: MLobby[];
  pms: Map<string, MPm>;
  now: number;
  epoch: Record<Slot, number>;
  staleEpoch: Record<Slot, number | null>;
  leases: number;
  /** Source halves of moves that reached step 4 but not 5: moving in `slot`, in its outbox since `at`. */
  residues: { slot: Slot; ticket: string; at: number; toTicket: string }[];
  zombies: Zombie[];
}
interface Real {
  redis: RedisClient;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof GlaceonError) return e.code;
    throw e;
  }
}

function settle(m: Model, pm: MPm, failed: Set<number>, reason: string): void {
  kinds.add({ cancelled: 'cancel', declined: 'decline', timeout: 'timeout', game_over: 'end', server_lost: 'end' }[reason] ?? reason);
  if (pm.lobbies.some((i) => !failed.has(i))) kinds.add('requeue');
  for (const i of pm.lobbies) {
    const l = m.lobbies[i] as MLobby;
    l.pm = null;
    l.lagSince = null;
    if (failed.has(i)) {
      l.state = 'idle';
      l.ticket = null;
      l.idleReason = reason;
    } else {
      l.state = 'queued';
      l.lastSeen = m.now;
    }
  }
  m.pms.delete(pm.id);
}

function lobbyOfPlayer(m: Model, p: string): number {
  return m.lobbies.findIndex((l) => l.players.includes(p));
}

function allPlayers(m: Model): string[] {
  return m.lobbies.flatMap((l) => l.players);
}

let steps = 0;
const kinds = new Set<string>();

/** The lobby has a live, claimable entry: queued in its slot and not in the middle of a move. */
function claimable(l: MLobby): boolean {
  return l.state === 'queued' && l.move === null;
}

/** The state its entry has in Redis: a move's source half is `moving`, its target half `starting` until step 4. */
function entryState(l: MLobby): string {
  if (l.move) return l.move.k === 3 ? 'starting' : 'moving';
  return l.state;
}

async function checkInvariants(m: Model, r: Real): Promise<void> {
  steps++;
  const { redis } = r;
  const waitingBy = new Map<string, { queuedAt: number; slot: Slot }>();
  let waitingCount = 0;
  for (const slot of SLOTS) {
    const waiting = await listWaiting(redis, slot);
    waitingCount += waiting.length;
    for (const w of waiting) waitingBy.set(w.lobbyId, { queuedAt: w.queuedAt, slot });
  }
  for (const l of m.lobbies) {
    const h = await redis.hgetall(keys.lobby(l.id));
    // The lobby mirror lags only where a Coral "died" between the slots; the view reads the authority.
    if (l.state === 'starting') expect(h.state).toBe('queued');
    // A ready check is not mirrored: the lobby reads `queued` through it (coral-perf-006).
    else if (l.lagSince === null) expect(h.state, `lobby ${l.id} state`).toBe(l.state === 'prematch' ? 'queued' : l.state);
    else expect(h.state).not.toBe('idle');
    const view = await getPlayerMatchView(redis, l.players[l.players.length - 1] as string, m.now);
    expect(view.state === 'none' ? 'none' : view.state, `view of ${l.id}`).toBe(l.state === 'starting' ? 'queued' : l.state);
    if (l.state === 'idle') {
      expect(h.ticket).toBe('');
      if (l.idleReason) expect(h.idleReason).toBe(l.idleReason);
      expect(waitingBy.has(l.id)).toBe(false);
    } else {
      expect(h.ticket).toBe(l.ticket);
      expect(h.queueMode, `lobby ${l.id} slot`).toBe(l.slot);
      const entry = await redis.hgetall(queueKeys.ticket(l.slot, l.ticket as string));
      expect(entry.state).toBe(entryState(l));
      expect(entry.lobby).toBe(l.id);
      // Original queue time is kept across requeues and moves.
      if (l.state !== 'starting') expect(Number(entry.queuedAt)).toBe(l.queuedAt);
    }
    if (claimable(l)) {
      expect(waitingBy.get(l.id)).toEqual({ queuedAt: l.queuedAt, slot: l.slot });
      // The waiting order (oldest first) uses the original queue time too.
      expect(Number(await redis.zscore(queueKeys.waiting(l.slot), l.ticket as string))).toBe(l.queuedAt);
    }
    if (l.state === 'queued') {
      // Moving or not, the player sees the lobby waiting since its original queue time.
      if (!l.move) expect(waitingBy.has(l.id)).toBe(true);
      else expect(waitingBy.has(l.id)).toBe(false);
      expect(view).toMatchObject({ queuedAt: l.queuedAt, ticket: l.ticket, mode: l.slot });
    }
  }
  expect(waitingCount).toBe(m.lobbies.filter(claimable).length);
  // Across all slots: at most one live entry per lobby, the one its pointer names, and a queued lobby has exactly one.
  const liveBy = new Map<string, string[]>();
  for (const slot of SLOTS) {
    for (const key of await redis.keys(`${queueKeys.tag(slot)}:t:*`)) {
      const [state, lobby] = await redis.hmget(key, 'state', 'lobby');
      if (state === 'queued' || state === 'prematch' || state === 'ingame') {
        const ticket = key.slice(key.lastIndexOf(':') + 1);
        liveBy.set(lobby as string, [...(liveBy.get(lobby as string) ?? []), `${slot} ${ticket}`]);
      }
    }
  }
  for (const l of m.lobbies) {
    const live = liveBy.get(l.id) ?? [];
    expect(live.length, `live entries of ${l.id}: ${live.join(', ')}`).toBeLessThanOrEqual(1);
    if (l.state !== 'idle' && l.state !== 'starting' && !l.move) expect(live).toEqual([`${l.slot} ${l.ticket}`]);
    if (l.state === 'idle' || l.state === 'starting' || l.move) expect(live).toEqual([]);
  }
  // The batched view agrees with the one-player view for everyone.
  const everyone = allPlayers(m);
  const batch = await getPlayerMatchViews(redis, everyone, m.now);
  for (const p of everyone) expect(batch.get(p), `batched view of ${p}`).toEqual(await getPlayerMatchView(redis, p, m.now));
  for (const slot of SLOTS) {
    expect((await getQueueStats(redis, slot)).searching).toBe(
      m.lobbies.filter((l) => claimable(l) && l.slot === slot).reduce((a, l) => a + l.players.length, 0),
    );
  }
  // No player in two prematches or games.
  const pmKeys: string[] = [];
  for (const slot of SLOTS) pmKeys.push(...(await redis.keys(`${queueKeys.tag(slot)}:pm:*`)).filter((k) => !k.endsWith(':acc')));
  expect(pmKeys).toHaveLength(m.pms.size);
  const seen = new Set<string>();
  for (const k of pmKeys) {
    for (const p of JSON.parse((await redis.hget(k, 'players')) as string) as string[]) {
      expect(seen.has(p), `player ${p} in two prematches`).toBe(false);
      seen.add(p);
    }
  }
  // The outbox of each slot holds exactly the half-done steps.
  for (const slot of SLOTS) {
    const unfinished = m.lobbies.filter((l) => (l.state === 'starting' || l.lagSince !== null) && l.slot === slot).map((l) => l.ticket as string);
    for (const l of m.lobbies) {
      if (!l.move) continue;
      if (l.move.ref.from === slot) unfinished.push(l.move.ref.ticket);
      if (l.move.ref.to === slot && l.move.k >= 2) unfinished.push(l.move.ref.toTicket);
    }
    for (const res of m.residues) if (res.slot === slot) unfinished.push(res.ticket);
    expect((await redis.zrange(queueKeys.outbox(slot), 0, -1)).sort(), `outbox of ${slot}`).toEqual(unfinished.sort());
  }
}

class StartCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly i: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const l = m.lobbies[this.i] as MLobby;
    m.now += 1;
    if (l.state === 'idle') {
      const res = await startQueue(r.redis, { queues: TEST_QUEUES, lobbyId: l.id, requesterId: l.host, now: m.now });
      Object.assign(l, { state: 'queued', ticket: res.ticket, queuedAt: m.now, lastSeen: m.now, idleReason: null, slot: SLOTS[0] });
    } else {
      expect(await codeOf(startQueue(r.redis, { queues: TEST_QUEUES, lobbyId: l.id, requesterId: l.host, now: m.now }))).toBe('LOBBY_NOT_IDLE');
    }
    await checkInvariants(m, r);
  }
  toString = () => `start(${this.i})`;
}

class CancelCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly i: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const l = m.lobbies[this.i] as MLobby;
    m.now += 1;
    const code = await codeOf(cancelQueue(r.redis, { lobbyId: l.id, requesterId: l.host, reason: 'cancelled', now: m.now }));
    if (l.state === 'idle' || l.state === 'ingame') {
      expect(code).toBe('WRONG_STATE');
    } else {
      expect(code).toBe('ok');
      kinds.add('cancel');
      // A move in flight is resolved first (to wherever the lobby points), then cancelled there.
      if (l.move) kinds.add('cancel-moving');
      // After step 3 the lobby points at the target: the cancel kills it there, and the source half waits for its repair.
      if (l.move?.k === 3) m.residues.push({ slot: l.move.ref.from as Slot, ticket: l.move.ref.ticket, at: l.move.outAt, toTicket: l.move.ref.toTicket });
      if (l.state === 'queued' || l.state === 'starting') Object.assign(l, { state: 'idle', ticket: null, idleReason: 'cancelled', move: null });
      else settle(m, m.pms.get(l.pm as string) as MPm, new Set([this.i]), 'cancelled');
    }
    await checkInvariants(m, r);
  }
  toString = () => `cancel(${this.i})`;
}

class ClaimCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly picks: number[],
    readonly stale: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.now += 1;
    const tickets = this.picks.map((i) => m.lobbies[i]?.ticket ?? 't_none');
    // The claim runs in the slot of the first lobby: the others must be waiting there too.
    const slot = (m.lobbies[this.picks[0] as number] as MLobby).slot;
    const stale = m.staleEpoch[slot];
    const useStale = this.stale && stale !== null;
    const outcome = await claimPrematch(r.redis, {
      mode: slot,
      epoch: useStale ? (stale as number) : m.epoch[slot],
      proposal: { tickets, teams: [[tickets[0] as string], tickets.slice(1)] },
      now: m.now,
      acceptTimeoutMs: ACCEPT_MS,
    });
    const distinct = new Set(this.picks).size === this.picks.length;
    const allQueued = this.picks.every((i) => claimable(m.lobbies[i] as MLobby) && m.lobbies[i]?.slot === slot);
    if (useStale) {
      expect(outcome).toEqual({ ok: false, code: 'STALE_EPOCH' });
    } else if (distinct && allQueued) {
      if (!outcome.ok) throw new Error(`claim should succeed: ${JSON.stringify(outcome)}`);
      m.pms.set(outcome.prematchId, {
        id: outcome.prematchId,
        lobbies: [...this.picks],
        accepted: new Set(),
        deadline: m.now + ACCEPT_MS,
        state: 'readycheck',
        gameId: '',
        slot,
      });
      for (const i of this.picks) Object.assign(m.lobbies[i] as MLobby, { state: 'prematch', pm: outcome.prematchId });
      kinds.add('claim');
    } else {
      expect(outcome).toMatchObject({ ok: false, code: 'TICKET_TAKEN' });
    }
    await checkInvariants(m, r);
  }
  toString = () => `claim([${this.picks.join(',')}]${this.stale ? ', stale' : ''})`;
}

/** Start idle lobbies until at least `n` are queued (composite commands use it). */
async function ensureQueued(m: Model, r: Real, n: number): Promise<void> {
  for (let i = 0; i < m.lobbies.length && claimableIn(m, SLOTS[0]).length < n; i++) {
    if (m.lobbies[i]?.state === 'idle') await new StartCmd(i).run(m, r);
  }
}

/** Indexes of the lobbies claimable in one slot. */
function claimableIn(m: Readonly<Model>, slot: Slot): number[] {
  return m.lobbies.flatMap((l, i) => (claimable(l) && l.slot === slot ? [i] : []));
}

/** The slot with the most claimable lobbies (ties: the first). */
function busiestSlot(m: Readonly<Model>): Slot {
  return claimableIn(m, SLOTS[1]).length > claimableIn(m, SLOTS[0]).length ? SLOTS[1] : SLOTS[0];
}

/** How many lobbies one claim could take after starting the idle ones (which enter the first slot). */
function queuedOrIdle(m: Readonly<Model>): number {
  const idle = m.lobbies.filter((l) => l.state === 'idle').length;
  return Math.max(claimableIn(m, SLOTS[0]).length + idle, claimableIn(m, SLOTS[1]).length);
}

/** Claims queued lobbies chosen at run time, so valid claims are frequent. */
class ClaimQueuedCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly k: number,
    readonly n: number,
  ) {}
  check = (m: Readonly<Model>) => claimableIn(m, busiestSlot(m)).length >= 2;
  async run(m: Model, r: Real) {
    const queued = claimableIn(m, busiestSlot(m));
    const picks = Array.from({ length: Math.min(this.n, queued.length) }, (_, j) => queued[(this.k + j) % queued.length] as number);
    await new ClaimCmd(picks, false).run(m, r);
  }
  toString = () => `claimQueued(${this.k},${this.n})`;
}

/** A player of a ready check chosen at run time (by index among them). */
function readyCheckPlayer(m: Model, k: number): number {
  const players = allPlayers(m);
  const candidates = players.map((p, i) => [p, i] as const).filter(([p]) => m.lobbies[lobbyOfPlayer(m, p)]?.state === 'prematch');
  return candidates.length === 0 ? k % players.length : (candidates[k % candidates.length] as readonly [string, number])[1];
}

class AcceptInPmCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number) {}
  check = () => true;
  run = (m: Model, r: Real) => new AcceptCmd(readyCheckPlayer(m, this.k)).run(m, r);
  toString = () => `acceptInPm(${this.k})`;
}

class DeclineInPmCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number) {}
  check = () => true;
  run = (m: Model, r: Real) => new DeclineCmd(readyCheckPlayer(m, this.k)).run(m, r);
  toString = () => `declineInPm(${this.k})`;
}

/** Every player of one ready check accepts (reaches game creation often enough). */
class AcceptAllCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number) {}
  check = (m: Readonly<Model>) => [...m.pms.values()].some((p) => p.state === 'readycheck');
  async run(m: Model, r: Real) {
    const open = [...m.pms.values()].filter((p) => p.state === 'readycheck');
    const pm = open[this.k % open.length] as MPm;
    const players = allPlayers(m);
    for (const i of pm.lobbies) for (const p of (m.lobbies[i] as MLobby).players) await new AcceptCmd(players.indexOf(p)).run(m, r);
  }
  toString = () => `acceptAll(${this.k})`;
}

/** A claim, one accept, then the deadline passes: exercises timeouts (partly accepted) often. */
class ClaimAcceptSomeExpireCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly k: number,
    readonly p: number,
  ) {}
  check = (m: Readonly<Model>) => queuedOrIdle(m) >= 2;
  async run(m: Model, r: Real) {
    await ensureQueued(m, r, 2);
    await new ClaimQueuedCmd(this.k, 2).run(m, r);
    await new AcceptInPmCmd(this.p).run(m, r);
    await new AdvanceSweepCmd(ACCEPT_MS).run(m, r);
  }
  toString = () => `claimAcceptSomeExpire(${this.k},${this.p})`;
}

let crashes = 0;

/** A Coral dies after locking the lobby, before activating the queue entry. */
class CrashedStartCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.lobbies[this.i]?.state === 'idle';
  async run(m: Model, r: Real) {
    m.now += 1;
    const l = m.lobbies[this.i] as MLobby;
    const ticket = `t_crash${++crashes}`;
    expect((await runJson(r.redis, 'ticket-begin', [queueKeys.tag(MODE)], [ticket, l.id, m.now])).r).toBe(1);
    expect((await runJson(r.redis, 'lobby-enqueue', [keys.lobby(l.id), chatKeys.lobbyChat(l.id)], [l.host, MODE, ticket, m.now, 2])).r).toBe(1);
    Object.assign(l, { state: 'starting', ticket, startedAt: m.now, idleReason: null, slot: SLOTS[0] });
    await checkInvariants(m, r);
  }
  toString = () => `crashedStart(${this.i})`;
}

/** A leader dies right after the claim script, before mirroring the lobbies. */
class CrashedClaimCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number) {}
  check = (m: Readonly<Model>) => claimableIn(m, busiestSlot(m)).length >= 2;
  async run(m: Model, r: Real) {
    m.now += 1;
    const slot = busiestSlot(m);
    const queued = claimableIn(m, slot);
    const picks = [queued[this.k % queued.length] as number, queued[(this.k + 1) % queued.length] as number];
    const pmId = `pm_crash${++crashes}`;
    const teams = picks.map((i) => [(m.lobbies[i] as MLobby).ticket as string]);
    const reply = await runJson(
      r.redis,
      'claim-prematch',
      [queueKeys.tag(slot)],
      [m.epoch[slot], pmId, m.now, m.now + ACCEPT_MS, JSON.stringify(teams), `g_crash${crashes}`],
    );
    expect(reply.r).toBe(1);
    m.pms.set(pmId, { id: pmId, lobbies: picks, accepted: new Set(), deadline: m.now + ACCEPT_MS, state: 'readycheck', gameId: '', slot });
    // A claim has no second step (a ready check is not mirrored): a Coral dying right after it leaves nothing half done.
    for (const i of picks) Object.assign(m.lobbies[i] as MLobby, { state: 'prematch', pm: pmId });
    await checkInvariants(m, r);
  }
  toString = () => `crashedClaim(${this.k})`;
}

/** A crashed step, then enough time for the sweeper's repair: exercises repairs often. */
class CrashThenRepairCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly i: number,
    readonly claim: boolean,
  ) {}
  check = (m: Readonly<Model>) => (this.claim ? claimableIn(m, busiestSlot(m)).length >= 2 : m.lobbies[this.i]?.state === 'idle');
  async run(m: Model, r: Real) {
    await (this.claim ? new CrashedClaimCmd(this.i) : new CrashedStartCmd(this.i)).run(m, r);
    await new AdvanceSweepCmd(REPAIR_MS + 1).run(m, r);
  }
  toString = () => `crashThenRepair(${this.i},${this.claim ? 'claim' : 'start'})`;
}

/** Claim, everyone accepts, the game gets a server and ends: exercises the whole happy path often. */
class FullGameCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number) {}
  check = (m: Readonly<Model>) => queuedOrIdle(m) >= 2;
  async run(m: Model, r: Real) {
    await ensureQueued(m, r, 2);
    const before = new Set(m.pms.keys());
    await new ClaimQueuedCmd(this.k, 2).run(m, r);
    const pm = [...m.pms.values()].find((p) => !before.has(p.id)) as MPm;
    const players = allPlayers(m);
    for (const i of pm.lobbies) for (const p of (m.lobbies[i] as MLobby).players) await new AcceptCmd(players.indexOf(p)).run(m, r);
    const creating = [...m.pms.values()].filter((p) => p.state === 'creating');
    await new GameReadyCmd(creating.indexOf(pm)).run(m, r);
    const games = [...m.pms.values()].filter((p) => p.state !== 'readycheck');
    await new EndGameCmd(games.indexOf(pm)).run(m, r);
  }
  toString = () => `fullGame(${this.k})`;
}

/** Claim, some accept, one declines: exercises decline + requeue often. */
class ClaimThenDeclineCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly k: number,
    readonly p: number,
  ) {}
  check = (m: Readonly<Model>) => queuedOrIdle(m) >= 2;
  async run(m: Model, r: Real) {
    await ensureQueued(m, r, 3);
    await new ClaimQueuedCmd(this.k, 3).run(m, r);
    await new AcceptInPmCmd(this.p).run(m, r);
    await new DeclineInPmCmd(this.p + 1).run(m, r);
  }
  toString = () => `claimThenDecline(${this.k},${this.p})`;
}

class LeaseFlipCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly slot: Slot = SLOTS[0]) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await r.redis.del(queueKeys.lease(this.slot));
    m.leases += 1;
    const lease = await acquireOrRenewLease(r.redis, this.slot, `leader-${m.leases}`, 600_000);
    expect(lease).toEqual({ leader: true, epoch: m.epoch[this.slot] + 1 });
    m.staleEpoch[this.slot] = m.epoch[this.slot];
    m.epoch[this.slot] = lease.epoch;
  }
  toString = () => (this.slot === SLOTS[0] ? 'leaseFlip' : `leaseFlip(${this.slot})`);
}

function pmForError(m: Model): string {
  return m.pms.keys().next().value ?? 'pm_none';
}

class AcceptCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly p: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.now += 1;
    const player = allPlayers(m)[this.p] as string;
    const li = lobbyOfPlayer(m, player);
    const l = m.lobbies[li] as MLobby;
    const pmId = l.pm ?? pmForError(m);
    const res = acceptMatch(r.redis, { mode: m.pms.get(pmId)?.slot ?? SLOTS[0], prematchId: pmId, playerId: player, now: m.now });
    const pm = m.pms.get(pmId);
    if (l.state === 'prematch' && pm) {
      if (m.now >= pm.deadline) {
        expect(await codeOf(res)).toBe('WRONG_STATE');
      } else {
        const out = await res;
        pm.accepted.add(player);
        const everyone = pm.lobbies.flatMap((i) => (m.lobbies[i] as MLobby).players);
        expect(out.allAccepted).toBe(pm.accepted.size === everyone.length);
        if (out.allAccepted) {
          pm.state = 'creating';
          for (const i of pm.lobbies) (m.lobbies[i] as MLobby).lagSince = null;
          pm.gameId = out.gameId;
          for (const i of pm.lobbies) (m.lobbies[i] as MLobby).state = 'ingame';
        }
      }
    } else if (l.state === 'ingame' && pm) {
      expect((await res).allAccepted).toBe(true);
    } else {
      expect(await codeOf(res)).toBe(pm ? 'FORBIDDEN' : 'NOT_FOUND');
    }
    await checkInvariants(m, r);
  }
  toString = () => `accept(${this.p})`;
}

class DeclineCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly p: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.now += 1;
    const player = allPlayers(m)[this.p] as string;
    const li = lobbyOfPlayer(m, player);
    const l = m.lobbies[li] as MLobby;
    const pmId = l.pm ?? pmForError(m);
    const code = await codeOf(declineMatch(r.redis, { mode: m.pms.get(pmId)?.slot ?? SLOTS[0], prematchId: pmId, playerId: player, now: m.now }));
    const pm = m.pms.get(pmId);
    if (l.state === 'prematch' && pm) {
      expect(code).toBe('ok');
      settle(m, pm, new Set([li]), 'declined');
    } else if (l.state === 'ingame' && pm) {
      expect(code).toBe('WRONG_STATE');
    } else {
      expect(code).toBe(pm ? 'FORBIDDEN' : 'NOT_FOUND');
    }
    await checkInvariants(m, r);
  }
  toString = () => `decline(${this.p})`;
}

class TouchCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly i: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.now += 1;
    const l = m.lobbies[this.i] as MLobby;
    // A Coral touches every slot it serves. A lobby in the middle of a move has no keep-alive to refresh.
    const n = await touchPlayers(r.redis, [...SLOTS], [l.players[l.players.length - 1] as string], m.now);
    expect(n).toBe(claimable(l) ? 1 : 0);
    if (claimable(l)) l.lastSeen = m.now;
  }
  toString = () => `touch(${this.i})`;
}

class AdvanceSweepCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly ms: number,
    readonly reverse = false,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.now += this.ms;
    // Each slot's leader sweeps its own slot; the model follows them in the same order.
    for (const slot of this.reverse ? [...SLOTS].reverse() : SLOTS) {
      const swept = await sweep(r.redis, slot, m.epoch[slot], m.now, { graceMs: GRACE_MS, repairAfterMs: REPAIR_MS });
      expect(swept.repairedMoves.map((mv) => mv.outcome)).toEqual(modelSweepSlot(m, slot));
    }
    await checkInvariants(m, r);
  }
  toString = () => `advanceAndSweep(${this.ms}${this.reverse ? ', reverse' : ''})`;
}

/** What one slot's sweep does, in the order the sweep does it; returns the move repairs' outcomes expected. */
function modelSweepSlot(m: Model, slot: Slot): string[] {
  const cutoff = m.now - REPAIR_MS;
  for (const pm of [...m.pms.values()]) {
    if (pm.slot !== slot || pm.state !== 'readycheck' || pm.deadline > m.now) continue;
    const failed = new Set(pm.lobbies.filter((i) => (m.lobbies[i] as MLobby).players.some((p) => !pm.accepted.has(p))));
    settle(m, pm, failed, 'timeout');
  }
  for (const l of m.lobbies) {
    if (claimable(l) && l.slot === slot && l.lastSeen < m.now - GRACE_MS) Object.assign(l, { state: 'idle', ticket: null, idleReason: 'host_away' });
  }
  for (const l of m.lobbies) {
    if (l.state === 'starting' && l.slot === slot && l.startedAt < cutoff) {
      Object.assign(l, { state: 'idle', ticket: null, idleReason: 'server_lost' });
      kinds.add('repair');
    }
    if (l.lagSince !== null && l.slot === slot && l.lagSince < cutoff) {
      l.lagSince = null;
      kinds.add('repair');
    }
  }
  // Outbox order is by score (time of the step), then ticket id: the moves and residues come in that order.
  const due: { at: number; ticket: string; outcome: string; apply: () => void }[] = [];
  for (const l of m.lobbies) {
    const mv = l.move;
    if (!mv) continue;
    const fromSide = mv.ref.from === slot && mv.outAt < cutoff;
    const toSide = mv.ref.to === slot && mv.k >= 2 && mv.inAt < cutoff;
    if (!fromSide && !toSide) continue;
    const outcome = mv.k === 3 ? 'moved' : 'stays';
    due.push({
      at: fromSide ? mv.outAt : mv.inAt,
      ticket: fromSide ? mv.ref.ticket : mv.ref.toTicket,
      outcome,
      apply: () => {
        if (outcome === 'stays') Object.assign(l, { slot: mv.ref.from, ticket: mv.ref.ticket });
        l.move = null;
        kinds.add('move-repair');
      },
    });
  }
  for (const res of m.residues) {
    if (res.slot !== slot || res.at >= cutoff) continue;
    // The lobby points at the target (moved) or at neither (cancelled, moved on): `gone`.
    const l = m.lobbies.find((x) => x.ticket === res.toTicket);
    due.push({
      at: res.at,
      ticket: res.ticket,
      outcome: l && l.state !== 'idle' ? 'moved' : 'gone',
      apply: () => {
        m.residues = m.residues.filter((x) => x !== res);
        kinds.add('move-repair');
      },
    });
  }
  due.sort((a, b) => a.at - b.at || (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0));
  for (const d of due) d.apply();
  return due.map((d) => d.outcome);
}

/** Record that a move of lobby `l` went through step k (1..5), as Redis now has it. */
function applyMoveProgress(m: Model, l: MLobby, ref: MoveRef, k: number, now: number): void {
  if (k <= 3) {
    const outAt = k === 1 ? now : (l.move?.outAt ?? now);
    const inAt = k === 2 ? now : (l.move?.inAt ?? now);
    l.move = { ref, k, outAt, inAt };
    if (k === 3) Object.assign(l, { slot: ref.to, ticket: ref.toTicket });
  } else if (k === 4) {
    m.residues.push({ slot: ref.from as Slot, ticket: ref.ticket, at: l.move?.outAt ?? now, toTicket: ref.toTicket });
    l.move = null;
  } else {
    m.residues = m.residues.filter((x) => x.toTicket !== ref.toTicket);
  }
}

/** A whole move of lobby i to the other slot (moveEntry); refused when its entry is not waiting. */
class MoveCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly i: number,
    readonly stale = false,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.now += 1;
    const l = m.lobbies[this.i] as MLobby;
    const from = l.slot;
    const input = { from, to: otherSlot(from), ticket: l.ticket ?? 't_none', lobbyId: l.id, now: m.now };
    const stale = m.staleEpoch[from];
    if (this.stale && stale !== null) {
      expect(await codeOf(moveEntry(r.redis, { ...input, epoch: stale }))).toBe('STALE_EPOCH');
    } else {
      const res = await moveEntry(r.redis, { ...input, epoch: m.epoch[from] });
      if (claimable(l)) {
        if (!res.moved) throw new Error(`move should succeed: ${JSON.stringify(res)}`);
        expect(res.queuedAt).toBe(l.queuedAt);
        Object.assign(l, { slot: input.to, ticket: res.ticket });
        kinds.add('move');
      } else {
        expect(res).toEqual({ moved: false, reason: 'not_queued' });
      }
    }
    await checkInvariants(m, r);
  }
  toString = () => `move(${this.i}${this.stale ? ', stale' : ''})`;
}

let moveIds = 0;

/** A mover that stops after step k of 5 (dies, or pauses: LateStepCmd may carry on later). */
class CrashedMoveCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly i: number,
    readonly k: number,
  ) {}
  check = (m: Readonly<Model>) => claimable(m.lobbies[this.i] as MLobby);
  async run(m: Model, r: Real) {
    m.now += 1;
    const l = m.lobbies[this.i] as MLobby;
    const ref: MoveRef = { from: l.slot, ticket: l.ticket as string, to: otherSlot(l.slot), toTicket: `t_mv${++moveIds}`, lobbyId: l.id };
    const step = moveSteps(r.redis, ref, m.now);
    const out = await step.out(m.epoch[l.slot]);
    expect(out.r).toBe(1);
    const fields = JSON.stringify(out.fields);
    if (this.k >= 2) expect((await step.in(fields)).r).toBe(1);
    if (this.k >= 3) expect((await step.repoint()).r).toBe(1);
    if (this.k >= 4) expect((await step.activate()).r).toBe(1);
    for (let k = 1; k <= this.k; k++) applyMoveProgress(m, l, ref, k, m.now);
    m.zombies.push({ lobby: this.i, ref, k: this.k, fields });
    kinds.add(`move-crash-${this.k}`);
    await checkInvariants(m, r);
  }
  toString = () => `crashedMove(${this.i},${this.k})`;
}

/** A paused mover wakes up and runs its next step: it lands only if no repair or cancel resolved its move meanwhile. */
class LateStepCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly j: number) {}
  check = (m: Readonly<Model>) => m.zombies.length > 0;
  async run(m: Model, r: Real) {
    m.now += 1;
    const z = m.zombies[this.j % m.zombies.length] as Zombie;
    const l = m.lobbies[z.lobby] as MLobby;
    const next = z.k + 1;
    const pending = next <= 4 ? l.move?.ref.toTicket === z.ref.toTicket && l.move.k === z.k : m.residues.some((x) => x.toTicket === z.ref.toTicket);
    const step = moveSteps(r.redis, z.ref, m.now);
    const reply = await [() => step.in(z.fields), () => step.repoint(), () => step.activate(), () => step.done()][next - 2]!();
    if (pending) {
      expect(reply.r, `late step ${next} of ${z.ref.toTicket}`).toBe(1);
      applyMoveProgress(m, l, z.ref, next, m.now);
      kinds.add('late-step');
    } else {
      expect(reply.r, `late step ${next} of ${z.ref.toTicket} after its move was resolved`).toBeLessThanOrEqual(0);
      kinds.add('late-step-refused');
    }
    z.k = next;
    if (z.k >= 5) m.zombies = m.zombies.filter((x) => x !== z);
    await checkInvariants(m, r);
  }
  toString = () => `lateStep(${this.j})`;
}

/**
 * A move of the p-th claimable lobby stops after step k, then something happens: its repair,
 * a cancel, a claim of the lobbies waiting, the mover's late steps (with or without a repair first).
 */
class MoveStoryCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly p: number,
    readonly k: number,
    readonly story: 'repair' | 'cancel' | 'claim' | 'late' | 'repair-then-late' | 'cancel-then-late',
  ) {}
  check = (m: Readonly<Model>) => m.lobbies.some(claimable);
  async run(m: Model, r: Real) {
    const candidates = m.lobbies.flatMap((l, i) => (claimable(l) ? [i] : []));
    const i = candidates[this.p % candidates.length] as number;
    await new CrashedMoveCmd(i, this.k).run(m, r);
    const zombie = m.zombies.length - 1;
    if (this.story === 'repair' || this.story === 'repair-then-late') await new AdvanceSweepCmd(REPAIR_MS + 1, this.p % 2 === 1).run(m, r);
    if (this.story === 'cancel' || this.story === 'cancel-then-late') await new CancelCmd(i).run(m, r);
    if (this.story === 'claim') {
      await ensureQueued(m, r, 2);
      if (claimableIn(m, busiestSlot(m)).length >= 2) await new ClaimQueuedCmd(this.p, 3).run(m, r);
    }
    if (this.story.endsWith('late')) for (let k = this.k; k < 5; k++) await new LateStepCmd(zombie).run(m, r);
  }
  toString = () => `moveStory(${this.p},${this.k},${this.story})`;
}

class GameReadyCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number) {}
  check = (m: Readonly<Model>) => [...m.pms.values()].some((p) => p.state === 'creating');
  async run(m: Model, r: Real) {
    m.now += 1;
    const creating = [...m.pms.values()].filter((p) => p.state === 'creating');
    const pm = creating[this.k % creating.length] as MPm;
    const out = await markGameReady(r.redis, { mode: pm.slot, prematchId: pm.id, serverId: 'ms_a', address: '127.0.0.1:9000', now: m.now });
    expect(out.gameId).toBe(pm.gameId);
    pm.state = 'ready';
    kinds.add('ready');
    await checkInvariants(m, r);
  }
  toString = () => `gameReady(${this.k})`;
}

class EndGameCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number) {}
  check = (m: Readonly<Model>) => [...m.pms.values()].some((p) => p.state !== 'readycheck');
  async run(m: Model, r: Real) {
    m.now += 1;
    const games = [...m.pms.values()].filter((p) => p.state !== 'readycheck');
    const pm = games[this.k % games.length] as MPm;
    if (pm.state === 'ready') await endGame(r.redis, { gameId: pm.gameId, result: { winner: 1 }, now: m.now });
    else await abandonGameCreation(r.redis, { mode: pm.slot, prematchId: pm.id, now: m.now });
    settle(m, pm, new Set(pm.lobbies), pm.state === 'ready' ? 'game_over' : 'server_lost');
    await checkInvariants(m, r);
  }
  toString = () => `endGame(${this.k})`;
}

const nLobbies = SIZES.length;
const nPlayers = SIZES.reduce((a, b) => a + b, 0);
const commands = [
  fc.integer({ min: 0, max: nLobbies - 1 }).map((i) => new StartCmd(i)),
  fc.integer({ min: 0, max: nLobbies - 1 }).map((i) => new StartCmd(i)),
  fc.integer({ min: 0, max: nLobbies - 1 }).map((i) => new CancelCmd(i)),
  fc.tuple(fc.array(fc.integer({ min: 0, max: nLobbies - 1 }), { minLength: 2, maxLength: 3 }), fc.boolean()).map(([p, s]) => new ClaimCmd(p, s)),
  fc.tuple(fc.array(fc.integer({ min: 0, max: nLobbies - 1 }), { minLength: 2, maxLength: 3 }), fc.constant(false)).map(([p, s]) => new ClaimCmd(p, s)),
  fc.constant(new LeaseFlipCmd()),
  fc.integer({ min: 0, max: nLobbies - 1 }).map((i) => new CrashedStartCmd(i)),
  fc.nat(9).map((k) => new CrashedClaimCmd(k)),
  fc.tuple(fc.integer({ min: 0, max: nLobbies - 1 }), fc.boolean()).map(([i, c]) => new CrashThenRepairCmd(i, c)),
  fc.tuple(fc.nat(9), fc.integer({ min: 2, max: 3 })).map(([k, n]) => new ClaimQueuedCmd(k, n)),
  fc.tuple(fc.nat(9), fc.integer({ min: 2, max: 3 })).map(([k, n]) => new ClaimQueuedCmd(k, n)),
  fc.nat(9).map((k) => new AcceptInPmCmd(k)),
  fc.nat(9).map((k) => new AcceptInPmCmd(k)),
  fc.nat(9).map((k) => new AcceptInPmCmd(k)),
  fc.nat(9).map((k) => new AcceptInPmCmd(k)),
  fc.nat(9).map((k) => new DeclineInPmCmd(k)),
  fc.nat(5).map((k) => new AcceptAllCmd(k)),
  fc.nat(5).map((k) => new AcceptAllCmd(k)),
  fc.nat(9).map((k) => new FullGameCmd(k)),
  fc.tuple(fc.nat(9), fc.nat(9)).map(([k, p]) => new ClaimThenDeclineCmd(k, p)),
  fc.integer({ min: 0, max: nPlayers - 1 }).map((p) => new AcceptCmd(p)),
  fc.integer({ min: 0, max: nPlayers - 1 }).map((p) => new AcceptCmd(p)),
  fc.integer({ min: 0, max: nPlayers - 1 }).map((p) => new DeclineCmd(p)),
  fc.integer({ min: 0, max: nLobbies - 1 }).map((i) => new TouchCmd(i)),
  fc.constantFrom(1, 5_000, 12_000, 21_000).map((ms) => new AdvanceSweepCmd(ms)),
  fc.constantFrom(12_000, 21_000).map((ms) => new AdvanceSweepCmd(ms)),
  fc.tuple(fc.nat(9), fc.nat(9)).map(([k, p]) => new ClaimAcceptSomeExpireCmd(k, p)),
  fc.nat(5).map((k) => new GameReadyCmd(k)),
  fc.nat(5).map((k) => new EndGameCmd(k)),
  // Moves between the two slots: whole, crashed after any step, late steps, and stories around them.
  fc.tuple(fc.integer({ min: 0, max: nLobbies - 1 }), fc.boolean()).map(([i, stale]) => new MoveCmd(i, stale)),
  fc.integer({ min: 0, max: nLobbies - 1 }).map((i) => new MoveCmd(i)),
  fc.tuple(fc.integer({ min: 0, max: nLobbies - 1 }), fc.integer({ min: 1, max: 4 })).map(([i, k]) => new CrashedMoveCmd(i, k)),
  fc.nat(9).map((j) => new LateStepCmd(j)),
  fc.nat(9).map((j) => new LateStepCmd(j)),
  fc
    .tuple(
      fc.nat(9),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom('repair', 'cancel', 'claim', 'late', 'repair-then-late', 'cancel-then-late') as fc.Arbitrary<MoveStoryCmd['story']>,
    )
    .map(([p, k, story]) => new MoveStoryCmd(p, k, story)),
  fc.constant(new LeaseFlipCmd(SLOTS[1])),
  fc.constantFrom(1, 5_000, 12_000, 21_000).map((ms) => new AdvanceSweepCmd(ms, true)),
];

describe('matchmaking state machine (model-based, real Redis)', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  async function freshModel(): Promise<Model> {
    await redis.flushall();
    const lease = await acquireOrRenewLease(redis, SLOTS[0], 'leader-0', 600_000);
    const leaseB = await acquireOrRenewLease(redis, SLOTS[1], 'leader-0', 600_000);
    const lobbies: MLobby[] = [];
    for (const size of SIZES) {
      const f = await makeLobby(redis, MODE, size);
      lobbies.push({
        id: f.lobbyId,
        host: f.host,
        players: f.players,
        state: 'idle',
        ticket: null,
        queuedAt: 0,
        lastSeen: 0,
        pm: null,
        idleReason: null,
        lagSince: null,
        startedAt: 0,
        slot: SLOTS[0],
        move: null,
      });
    }
    return {
      lobbies,
      pms: new Map(),
      now: 1_000_000,
      epoch: { [SLOTS[0]]: lease.epoch, [SLOTS[1]]: leaseB.epoch } as Record<Slot, number>,
      staleEpoch: { [SLOTS[0]]: null, [SLOTS[1]]: null } as Record<Slot, number | null>,
      leases: 0,
      residues: [],
      zombies: [],
    };
  }

  it('a fixed scenario covers every kind of transition, checked against the model', async () => {
    kinds.clear();
    const model = await freshModel();
    const scenario: fc.AsyncCommand<Model, Real>[] = [
      new StartCmd(0),
      new StartCmd(1),
      new StartCmd(2),
      new StartCmd(3),
      new StartCmd(4),
      new CancelCmd(4), // a host cancel
      new ClaimCmd([0, 1, 2], false), // 2 + 1 + 1 players
      new AcceptInPmCmd(0),
      new DeclineInPmCmd(1), // a decline: the others requeue
      new LeaseFlipCmd(),
      new ClaimCmd([0, 2], true), // a stale epoch is refused
      new FullGameCmd(0), // claim, all accept, game ready, game end
      new StartCmd(4),
      new ClaimAcceptSomeExpireCmd(0, 0), // timeout
      new CancelCmd(3),
      new CancelCmd(0),
      new CancelCmd(1),
      new CancelCmd(2),
      new CancelCmd(4),
      new CrashThenRepairCmd(1, false),
      new CrashThenRepairCmd(0, true),
    ];
    await fc.asyncModelRun(() => ({ model, real: { redis } }), scenario);
    expect([...kinds].sort()).toEqual(['cancel', 'claim', 'decline', 'end', 'ready', 'repair', 'requeue', 'timeout']);
  });

  it('a fixed scenario covers every step of a move crashed, repaired, cancelled and overtaken, checked against the model', async () => {
    kinds.clear();
    const model = await freshModel();
    const scenario: fc.AsyncCommand<Model, Real>[] = [
      new StartCmd(0),
      new StartCmd(1),
      new StartCmd(2),
      new StartCmd(3),
      new MoveCmd(0), // a whole move to the other slot
      new MoveCmd(0), // and back (a new ticket each time)
      new MoveCmd(4), // an idle lobby: nothing to move
      new LeaseFlipCmd(),
      new MoveCmd(1, true), // a stale epoch is refused
      new MoveStoryCmd(0, 1, 'repair'),
      new MoveStoryCmd(0, 2, 'repair'),
      new MoveStoryCmd(0, 3, 'repair'),
      new MoveStoryCmd(0, 4, 'repair'),
      new MoveStoryCmd(1, 1, 'repair-then-late'),
      new MoveStoryCmd(1, 2, 'repair-then-late'),
      new MoveStoryCmd(1, 3, 'repair-then-late'),
      new MoveStoryCmd(1, 2, 'late'), // a slow mover that finishes before any repair
      new MoveStoryCmd(2, 1, 'cancel-then-late'),
      new StartCmd(2),
      new MoveStoryCmd(2, 2, 'cancel'),
      new StartCmd(2),
      new MoveStoryCmd(2, 3, 'cancel-then-late'),
      new StartCmd(2),
      new MoveStoryCmd(0, 2, 'claim'), // the moving lobby is not claimed; the others are
      new AdvanceSweepCmd(REPAIR_MS + 1, true),
      new AdvanceSweepCmd(ACCEPT_MS),
    ];
    await fc.asyncModelRun(() => ({ model, real: { redis } }), scenario);
    for (const kind of [
      'move',
      'move-crash-1',
      'move-crash-2',
      'move-crash-3',
      'move-crash-4',
      'move-repair',
      'cancel-moving',
      'late-step',
      'late-step-refused',
      'claim',
    ]) {
      expect(kinds.has(kind), `${kind} in ${[...kinds].join(',')}`).toBe(true);
    }
  });

  it('keeps the real state equal to the model and every invariant after every step (random, seeded)', async () => {
    const seed = process.env.MM_MODEL_SEED ? Number(process.env.MM_MODEL_SEED) : Date.now() ^ (Math.random() * 0x7fffffff);
    const path = process.env.MM_MODEL_PATH;
    steps = 0;
    kinds.clear();
    const property = fc.asyncProperty(fc.commands(commands, { maxCommands: 60, size: 'max', ...(path ? { replayPath: path } : {}) }), async (cmds) => {
      const model = await freshModel();
      await fc.asyncModelRun(() => ({ model, real: { redis } }), cmds);
    });
    // Including moves: whole, crashed after each step, repaired, cancelled, overtaken by late steps or not.
    const wanted = ['move', 'move-crash-1', 'move-crash-2', 'move-crash-3', 'move-crash-4', 'move-repair', 'cancel-moving', 'late-step', 'late-step-refused'];
    // Random runs reach a rare kind most of the time, not always (one batch of 40 missed
    // cancel-moving about once in five): batches go on, each from the next seed, until every
    // kind was reached (5 at most). Every batch checks the model all the same.
    for (let batch = 0; batch < (path ? 1 : 5); batch++) {
      const details = await fc.check(property, { seed: seed + batch, numRuns: Number(process.env.MM_MODEL_RUNS ?? 40), ...(path ? { path } : {}), verbose: 1 });
      if (details.failed) {
        throw new Error(
          `model-based test failed: replay with MM_MODEL_SEED=${details.seed} MM_MODEL_PATH='${details.counterexamplePath ?? ''}'\n${fc.defaultReportMessage(details) ?? ''}`,
        );
      }
      expect(details.numRuns).toBeGreaterThan(0);
      if (wanted.every((k) => kinds.has(k))) break;
    }
    // The runs really exercised the machine: many checked steps.
    expect(steps).toBeGreaterThan(200);
    for (const kind of wanted) expect(kinds.has(kind), `${kind} in ${[...kinds].join(',')}`).toBe(true);
  }, 150_000);
});
