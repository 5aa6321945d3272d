/**
 * Model-based test of the lobby / queue / prematch state machine against a
 * real Redis: random start, cancel, claim (with fresh or stale epochs), accept,
 * decline, keep-alive, time + sweep (timeouts, grace), game ready and game
 * end. After every step the real state must equal the model and the global
 * invariants must hold. On failure the message names the seed and the replay
 * path: rerun with MM_MODEL_SEED=<seed> MM_MODEL_PATH=<path>.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GlaceonError } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
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
  startQueue,
  sweep,
  touchPlayers,
} from './index.js';
import { queueKeys } from './keys.js';
import { makeLobby } from '../test-support/lobbies.js';
import { runJson } from './scripts.js';
import { useRealRedis } from '../test-support/real-redis.js';
import { TEST_QUEUES } from '../test-support/queues.js';

const MODE = '2v2' as const;
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
}
interface MPm {
  id: string;
  lobbies: number[];
  accepted: Set<string>;
  deadline: number;
  state: 'readycheck' | 'creating' | 'ready';
  gameId: string;
}
interface Model {
  lobbies: MLobby[];
  pms: Map<string, MPm>;
  now: number;
  epoch: number;
  staleEpoch: number | null;
  leases: number;
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

async function checkInvariants(m: Model, r: Real): Promise<void> {
  steps++;
  const { redis } = r;
  const waiting = await listWaiting(redis, MODE);
  const waitingBy = new Map(waiting.map((w) => [w.lobbyId, w]));
  for (const l of m.lobbies) {
    const h = await redis.hgetall(keys.lobby(l.id));
    // The lobby mirror lags only where a Coral "died" between the slots; the view reads the authority.
    if (l.state === 'starting') expect(h.state).toBe('queued');
    else if (l.lagSince === null) expect(h.state, `lobby ${l.id} state`).toBe(l.state);
    else expect(h.state).not.toBe('idle');
    const view = await getPlayerMatchView(redis, l.players[l.players.length - 1] as string, m.now);
    expect(view.state === 'none' ? 'none' : view.state, `view of ${l.id}`).toBe(l.state === 'starting' ? 'queued' : l.state);
    if (l.state === 'idle') {
      expect(h.ticket).toBe('');
      if (l.idleReason) expect(h.idleReason).toBe(l.idleReason);
      expect(waitingBy.has(l.id)).toBe(false);
    } else {
      expect(h.ticket).toBe(l.ticket);
      const entry = await redis.hgetall(queueKeys.ticket(MODE, l.ticket as string));
      expect(entry.state).toBe(l.state);
      expect(entry.lobby).toBe(l.id);
      // Original queue time is kept across requeues.
      if (l.state !== 'starting') expect(Number(entry.queuedAt)).toBe(l.queuedAt);
    }
    if (l.state === 'queued') {
      expect(waitingBy.get(l.id)?.queuedAt).toBe(l.queuedAt);
      // The waiting order (oldest first) uses the original queue time too.
      expect(Number(await redis.zscore(queueKeys.waiting(MODE), l.ticket as string))).toBe(l.queuedAt);
      expect(view).toMatchObject({ queuedAt: l.queuedAt, ticket: l.ticket });
    }
  }
  expect(waiting).toHaveLength(m.lobbies.filter((l) => l.state === 'queued').length);
  // The batched view agrees with the one-player view for everyone.
  const everyone = allPlayers(m);
  const batch = await getPlayerMatchViews(redis, everyone, m.now);
  for (const p of everyone) expect(batch.get(p), `batched view of ${p}`).toEqual(await getPlayerMatchView(redis, p, m.now));
  expect((await getQueueStats(redis, MODE)).searching).toBe(m.lobbies.filter((l) => l.state === 'queued').reduce((a, l) => a + l.players.length, 0));
  // No player in two prematches or games.
  const pmKeys = (await redis.keys(`${queueKeys.tag(MODE)}:pm:*`)).filter((k) => !k.endsWith(':acc'));
  expect(pmKeys).toHaveLength(m.pms.size);
  const seen = new Set<string>();
  for (const k of pmKeys) {
    for (const p of JSON.parse((await redis.hget(k, 'players')) as string) as string[]) {
      expect(seen.has(p), `player ${p} in two prematches`).toBe(false);
      seen.add(p);
    }
  }
  // The outbox holds exactly the half-done steps.
  const unfinished = m.lobbies.filter((l) => l.state === 'starting' || l.lagSince !== null).map((l) => l.ticket as string);
  expect((await redis.zrange(queueKeys.outbox(MODE), 0, -1)).sort()).toEqual(unfinished.sort());
}

class StartCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly i: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const l = m.lobbies[this.i] as MLobby;
    m.now += 1;
    if (l.state === 'idle') {
      const res = await startQueue(r.redis, { queues: TEST_QUEUES, lobbyId: l.id, requesterId: l.host, now: m.now });
      Object.assign(l, { state: 'queued', ticket: res.ticket, queuedAt: m.now, lastSeen: m.now, idleReason: null });
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
      if (l.state === 'queued' || l.state === 'starting') Object.assign(l, { state: 'idle', ticket: null, idleReason: 'cancelled' });
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
    const useStale = this.stale && m.staleEpoch !== null;
    const outcome = await claimPrematch(r.redis, {
      mode: MODE,
      epoch: useStale ? (m.staleEpoch as number) : m.epoch,
      proposal: { tickets, teams: [[tickets[0] as string], tickets.slice(1)] },
      now: m.now,
      acceptTimeoutMs: ACCEPT_MS,
    });
    const distinct = new Set(this.picks).size === this.picks.length;
    const allQueued = this.picks.every((i) => m.lobbies[i]?.state === 'queued');
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
  for (let i = 0; i < m.lobbies.length && m.lobbies.filter((l) => l.state === 'queued').length < n; i++) {
    if (m.lobbies[i]?.state === 'idle') await new StartCmd(i).run(m, r);
  }
}

function queuedOrIdle(m: Readonly<Model>): number {
  return m.lobbies.filter((l) => l.state === 'queued' || l.state === 'idle').length;
}

/** Claims queued lobbies chosen at run time, so valid claims are frequent. */
class ClaimQueuedCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly k: number,
    readonly n: number,
  ) {}
  check = (m: Readonly<Model>) => m.lobbies.filter((l) => l.state === 'queued').length >= 2;
  async run(m: Model, r: Real) {
    const queued = m.lobbies
      .map((l, i) => [l, i] as const)
      .filter(([l]) => l.state === 'queued')
      .map(([, i]) => i);
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
    expect((await runJson(r.redis, 'lobby-enqueue', [keys.lobby(l.id)], [l.host, MODE, ticket, m.now, 2])).r).toBe(1);
    Object.assign(l, { state: 'starting', ticket, startedAt: m.now, idleReason: null });
    await checkInvariants(m, r);
  }
  toString = () => `crashedStart(${this.i})`;
}

/** A leader dies right after the claim script, before mirroring the lobbies. */
class CrashedClaimCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number) {}
  check = (m: Readonly<Model>) => m.lobbies.filter((l) => l.state === 'queued').length >= 2;
  async run(m: Model, r: Real) {
    m.now += 1;
    const queued = m.lobbies
      .map((l, i) => [l, i] as const)
      .filter(([l]) => l.state === 'queued')
      .map(([, i]) => i);
    const picks = [queued[this.k % queued.length] as number, queued[(this.k + 1) % queued.length] as number];
    const pmId = `pm_crash${++crashes}`;
    const teams = picks.map((i) => [(m.lobbies[i] as MLobby).ticket as string]);
    const reply = await runJson(
      r.redis,
      'claim-prematch',
      [queueKeys.tag(MODE)],
      [m.epoch, pmId, m.now, m.now + ACCEPT_MS, JSON.stringify(teams), `g_crash${crashes}`],
    );
    expect(reply.r).toBe(1);
    m.pms.set(pmId, { id: pmId, lobbies: picks, accepted: new Set(), deadline: m.now + ACCEPT_MS, state: 'readycheck', gameId: '' });
    for (const i of picks) Object.assign(m.lobbies[i] as MLobby, { state: 'prematch', pm: pmId, lagSince: m.now });
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
  check = (m: Readonly<Model>) => (this.claim ? m.lobbies.filter((l) => l.state === 'queued').length >= 2 : m.lobbies[this.i]?.state === 'idle');
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
  check = () => true;
  async run(m: Model, r: Real) {
    await r.redis.del(queueKeys.lease(MODE));
    m.leases += 1;
    const lease = await acquireOrRenewLease(r.redis, MODE, `leader-${m.leases}`, 600_000);
    expect(lease).toEqual({ leader: true, epoch: m.epoch + 1 });
    m.staleEpoch = m.epoch;
    m.epoch = lease.epoch;
  }
  toString = () => 'leaseFlip';
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
    const res = acceptMatch(r.redis, { mode: MODE, prematchId: pmId, playerId: player, now: m.now });
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
    const code = await codeOf(declineMatch(r.redis, { mode: MODE, prematchId: pmId, playerId: player, now: m.now }));
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
    const n = await touchPlayers(r.redis, MODE, [l.players[l.players.length - 1] as string], m.now);
    expect(n).toBe(l.state === 'queued' ? 1 : 0);
    if (l.state === 'queued') l.lastSeen = m.now;
  }
  toString = () => `touch(${this.i})`;
}

class AdvanceSweepCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.now += this.ms;
    await sweep(r.redis, MODE, m.epoch, m.now, { graceMs: GRACE_MS, repairAfterMs: REPAIR_MS });
    for (const pm of [...m.pms.values()]) {
      if (pm.state !== 'readycheck' || pm.deadline > m.now) continue;
      const failed = new Set(pm.lobbies.filter((i) => (m.lobbies[i] as MLobby).players.some((p) => !pm.accepted.has(p))));
      settle(m, pm, failed, 'timeout');
    }
    for (const l of m.lobbies) {
      if (l.state === 'queued' && l.lastSeen < m.now - GRACE_MS) Object.assign(l, { state: 'idle', ticket: null, idleReason: 'host_away' });
    }
    for (const l of m.lobbies) {
      if (l.state === 'starting' && l.startedAt < m.now - REPAIR_MS) {
        Object.assign(l, { state: 'idle', ticket: null, idleReason: 'server_lost' });
        kinds.add('repair');
      }
      if (l.lagSince !== null && l.lagSince < m.now - REPAIR_MS) {
        l.lagSince = null;
        kinds.add('repair');
      }
    }
    await checkInvariants(m, r);
  }
  toString = () => `advanceAndSweep(${this.ms})`;
}

class GameReadyCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly k: number) {}
  check = (m: Readonly<Model>) => [...m.pms.values()].some((p) => p.state === 'creating');
  async run(m: Model, r: Real) {
    m.now += 1;
    const creating = [...m.pms.values()].filter((p) => p.state === 'creating');
    const pm = creating[this.k % creating.length] as MPm;
    const out = await markGameReady(r.redis, { mode: MODE, prematchId: pm.id, serverId: 'ms_a', address: '127.0.0.1:9000', now: m.now });
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
    else await abandonGameCreation(r.redis, { mode: MODE, prematchId: pm.id, now: m.now });
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
];

describe('matchmaking state machine (model-based, real Redis)', () => {
  let redis: RedisClient;
  useRealRedis((ready) => (redis = ready.redis));

  async function freshModel(): Promise<Model> {
    await redis.flushall();
    const lease = await acquireOrRenewLease(redis, MODE, 'leader-0', 600_000);
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
      });
    }
    return { lobbies, pms: new Map(), now: 1_000_000, epoch: lease.epoch, staleEpoch: null, leases: 0 };
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

  it('keeps the real state equal to the model and every invariant after every step (random, seeded)', async () => {
    const seed = process.env.MM_MODEL_SEED ? Number(process.env.MM_MODEL_SEED) : Date.now() ^ (Math.random() * 0x7fffffff);
    const path = process.env.MM_MODEL_PATH;
    steps = 0;
    const property = fc.asyncProperty(fc.commands(commands, { maxCommands: 60, size: 'max', ...(path ? { replayPath: path } : {}) }), async (cmds) => {
      const model = await freshModel();
      await fc.asyncModelRun(() => ({ model, real: { redis } }), cmds);
    });
    const details = await fc.check(property, { seed, numRuns: Number(process.env.MM_MODEL_RUNS ?? 40), ...(path ? { path } : {}), verbose: 1 });
    if (details.failed) {
      throw new Error(
        `model-based test failed: replay with MM_MODEL_SEED=${details.seed} MM_MODEL_PATH='${details.counterexamplePath ?? ''}'\n${fc.defaultReportMessage(details) ?? ''}`,
      );
    }
    expect(details.numRuns).toBeGreaterThan(0);
    // The runs really exercised the machine: many checked steps.
    expect(steps).toBeGreaterThan(200);
  }, 60_000);
});
