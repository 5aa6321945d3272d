import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  FLEET_SERVER_HEADER,
  FLEET_SIGNATURE_HEADER,
  FLEET_TIMESTAMP_HEADER,
  fleetDecoders,
  MAX_ALLOCATION_BATCH_BYTES,
  MAX_ALLOCATIONS_PER_PUSH,
  type ErrorCode,
  type FleetAllocation,
  type FleetRelease,
  type FleetReleaseAck,
} from '@glaceon/protocol';
import { fleetServerKey, signFleetPush } from '@glaceon/protocol/node';
import type { Allocation } from '@glaceon/store';

export interface PushResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/** The push body: exactly the contract's Fleet.Allocation fields. */
export function allocationBody(a: Allocation): FleetAllocation {
  return {
    gameId: a.gameId,
    serverId: a.serverId,
    mode: a.mode,
    teams: a.teams,
    roster: a.roster.map(({ playerId, name, team }) => ({ playerId, name, team })),
    allocatedAt: a.allocatedAt,
    joinDeadline: a.joinDeadline,
  };
}

/**
 * A keep-alive agent: under load a fresh TCP connection (or fetch's machinery) per game
 * costs more CPU than the rest of game creation.
 */
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
const httpsAgents = new Map<string, HttpsAgent>();
/** One keep-alive https agent per trusted-CA setting (usually one). */
function httpsAgent(caPem: string | undefined): HttpsAgent {
  const key = caPem ?? '';
  let agent = httpsAgents.get(key);
  if (!agent) {
    agent = new HttpsAgent({ keepAlive: true, maxSockets: 32, ...(caPem ? { ca: caPem } : {}) });
    httpsAgents.set(key, agent);
  }
  return agent;
}

export interface PushOptions {
  /** The fleet secret: the push is signed with the server's derived key; neither is sent. */
  fleetKey: string;
  timeoutMs?: number;
  /** Extra CA (PEM) for https control URLs. */
  caPem?: string;
}

/** What a signed push to a server's control API got back: the status and body, or why nothing came. */
interface PostResult {
  status?: number;
  text?: string;
  error?: string;
}

/** The most of a control API answer read (an ack is a few hundred bytes). */
const MAX_ANSWER_BYTES = 16 * 1024;

/**
 * POST a body to `<controlUrl><path>` signed with the server's own credential (HMAC over method,
 * path, timestamp and body; docs/moonstone-contract.md), over http or https (keep-alive agents).
 * The request carries no secret, so a rogue endpoint learns nothing it could replay elsewhere.
 * Never throws.
 */
function signedPost(controlUrl: string, path: string, serverId: string, body: string, options: PushOptions): Promise<PostResult> {
  const failed = (error: unknown): PostResult => ({ error: error instanceof Error ? error.message : String(error) });
  return new Promise((resolve) => {
    try {
      const url = new URL(`${controlUrl.replace(/\/+$/, '')}${path}`);
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:') throw new Error(`unsupported control URL scheme ${url.protocol}`);
      const signed = signFleetPush(fleetServerKey(options.fleetKey, serverId), 'POST', url.pathname, body);
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          agent: secure ? httpsAgent(options.caPem) : httpAgent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            [FLEET_SERVER_HEADER]: serverId,
            [FLEET_TIMESTAMP_HEADER]: signed.timestamp,
            [FLEET_SIGNATURE_HEADER]: signed.signature,
          },
          timeout: options.timeoutMs ?? 2000,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size <= MAX_ANSWER_BYTES) chunks.push(c);
          });
          res.on('error', (error) => resolve(failed(error)));
          res.on('end', () => resolve({ status, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => resolve(failed(error)));
      req.end(body);
    } catch (error) {
      // request() throws at once on a URL it cannot send to (e.g. another protocol).
      resolve(failed(error));
    }
  });
}

/** A push's outcome from the status alone (the single route's ack says nothing more worth checking). */
function statusResult(r: PostResult): PushResult {
  if (r.status === undefined) return { ok: false, error: r.error ?? 'failed' };
  return r.status >= 200 && r.status < 300 ? { ok: true, status: r.status } : { ok: false, status: r.status, error: `HTTP ${r.status}` };
}

/** One allocation (its body already serialized) to the single route. */
async function postOne(allocation: Allocation, body: string, options: PushOptions): Promise<PushResult> {
  return statusResult(await signedPost(allocation.controlUrl, '/v1/games', allocation.serverId, body, options));
}

/**
 * Tell the allocated Moonstone about its game: POST <controlUrl>/v1/games, signed (signedPost).
 * Best effort and never throws: a server that misses the push learns the game from its next
 * heartbeat answer.
 */
export function pushAllocation(allocation: Allocation, options: PushOptions): Promise<PushResult> {
  return postOne(allocation, JSON.stringify(allocationBody(allocation)), options);
}

/** Pushes queued for one server while its push is in flight; past it a push fails at once (best effort). */
const MAX_QUEUED_PER_SERVER = 10_000;
/** Room left in a batch body for its envelope (`{"serverId":…,"allocations":[…]}` and commas). */
const BATCH_ENVELOPE_BYTES = 1024;
/** Servers remembered as having no batch route; the map is cleared when it reaches this size. */
const MAX_SINGLE_ROUTE_SERVERS = 10_000;
/** A server without the batch route is asked again after this long (it may be upgraded in place, same id). */
const SINGLE_ROUTE_RECHECK_MS = 10 * 60_000;

export interface AllocationPusher {
  /** Same contract as pushAllocation: resolves with this allocation's own result, never throws. */
  push(allocation: Allocation): Promise<PushResult>;
}

interface Queued {
  allocation: Allocation;
  body: string;
  bytes: number;
  resolve: (result: PushResult) => void;
}

/**
 * Allocation pushes batched per server (coral-perf-011): under load the HTTP work per request was
 * a large part of a Moonstone's CPU. A push to an idle server goes out on the next turn (with
 * whatever else that turn allocated to it); pushes made while one is in flight wait and go
 * together when it completes, so batching adds no latency when idle. A lone allocation takes
 * the single route (`/v1/games`, today's request); two or more `/v1/games/batch`, up to
 * MAX_ALLOCATIONS_PER_PUSH a request. A server answering 404 to the batch route (an older
 * Moonstone) gets single pushes, concurrently, as before.
 */
export function createAllocationPusher(options: PushOptions): AllocationPusher {
  /** Present while a push to that server is due or in flight: what waits for the next one. */
  const queues = new Map<string, Queued[]>();
  /** serverId -> when its batch route answered 404. */
  const singleRoute = new Map<string, number>();

  const singleOnly = (serverId: string): boolean => {
    const since = singleRoute.get(serverId);
    if (since === undefined) return false;
    if (Date.now() - since < SINGLE_ROUTE_RECHECK_MS) return true;
    singleRoute.delete(serverId);
    return false;
  };

  const sendSingly = (items: Queued[]): Promise<unknown> => Promise.all(items.map(async (q) => q.resolve(await postOne(q.allocation, q.body, options))));

  /** The head of the queue that fits one batch (count and body size); at least one. */
  const takeBatch = (queue: Queued[]): Queued[] => {
    let n = 0;
    let bytes = 0;
    while (n < queue.length && n < MAX_ALLOCATIONS_PER_PUSH) {
      bytes += queue[n]!.bytes + 1;
      if (n > 0 && bytes > MAX_ALLOCATION_BATCH_BYTES - BATCH_ENVELOPE_BYTES) break;
      n++;
    }
    return queue.splice(0, Math.max(n, 1));
  };

  async function sendBatch(serverId: string, items: Queued[]): Promise<void> {
    const body = `{"serverId":${JSON.stringify(serverId)},"allocations":[${items.map((q) => q.body).join(',')}]}`;
    const r = await signedPost(items[items.length - 1]!.allocation.controlUrl, '/v1/games/batch', serverId, body, options);
    if (r.status === 404) {
      if (singleRoute.size >= MAX_SINGLE_ROUTE_SERVERS) singleRoute.clear();
      singleRoute.set(serverId, Date.now());
      await sendSingly(items);
      return;
    }
    const failed = statusResult(r);
    if (!failed.ok) {
      for (const q of items) q.resolve(failed);
      return;
    }
    const ack = fleetDecoders.allocationBatchAck.decodeText(r.text ?? '');
    const answered = new Set(ack.ok ? ack.value.results.map((x) => x.gameId) : []);
    for (const q of items) {
      q.resolve(
        answered.has(q.allocation.gameId)
          ? { ok: true, status: r.status }
          : { ok: false, status: r.status, error: `HTTP ${r.status} without this game's result` },
      );
    }
  }

  /** One request at a time per server; whatever queued meanwhile goes in the next. */
  async function drain(serverId: string, queue: Queued[]): Promise<void> {
    while (queue.length > 0) {
      const singly = singleOnly(serverId);
      const items = singly ? queue.splice(0) : takeBatch(queue);
      try {
        await (singly || items.length === 1 ? sendSingly(items) : sendBatch(serverId, items));
      } catch (error) {
        // Nothing above throws; should it, every caller is still answered.
        for (const q of items) q.resolve({ ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    }
    queues.delete(serverId);
  }

  function startQueue(serverId: string): Queued[] {
    const queue: Queued[] = [];
    queues.set(serverId, queue);
    // The next turn, not now: what this turn allocates to the same server goes in one request.
    setImmediate(() => void drain(serverId, queue));
    return queue;
  }

  return {
    push(allocation) {
      const body = JSON.stringify(allocationBody(allocation));
      if (singleOnly(allocation.serverId)) return postOne(allocation, body, options);
      const queue = queues.get(allocation.serverId) ?? startQueue(allocation.serverId);
      if (queue.length >= MAX_QUEUED_PER_SERVER) return Promise.resolve({ ok: false, error: 'push queue full' });
      return new Promise((resolve) => queue.push({ allocation, body, bytes: Buffer.byteLength(body), resolve }));
    },
  };
}

/** The server's answer to a release: its ack, its typed refusal, or nothing (unreachable, timed out, garbled). */
export type ReleaseResult =
  { kind: 'ack'; ack: FleetReleaseAck } | { kind: 'refused'; code: ErrorCode; message: string } | { kind: 'no_answer'; error: string };

/**
 * Ask a game's server to release players for good: POST <controlUrl>/v1/games/:gameId/release,
 * signed like the allocation push (issue #12, item 10). Never throws.
 */
export async function pushRelease(
  target: { controlUrl: string; serverId: string; gameId: string; playerIds: readonly string[] },
  options: PushOptions,
): Promise<ReleaseResult> {
  const body: FleetRelease = { serverId: target.serverId, gameId: target.gameId, playerIds: [...target.playerIds] };
  const r = await signedPost(target.controlUrl, `/v1/games/${encodeURIComponent(target.gameId)}/release`, target.serverId, JSON.stringify(body), options);
  if (r.status === undefined || r.text === undefined) return { kind: 'no_answer', error: r.error ?? 'failed' };
  if (r.status >= 200 && r.status < 300) {
    const ack = fleetDecoders.releaseAck.decodeText(r.text);
    if (!ack.ok || ack.value.gameId !== target.gameId) return { kind: 'no_answer', error: `HTTP ${r.status} with a body that is not a release ack` };
    return { kind: 'ack', ack: ack.value };
  }
  const refusal = fleetDecoders.error.decodeText(r.text);
  if (r.status >= 500 || !refusal.ok) return { kind: 'no_answer', error: `HTTP ${r.status}` };
  return { kind: 'refused', code: refusal.value.code, message: refusal.value.message };
}
