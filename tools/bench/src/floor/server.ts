/**
 * The floor bench's stand-in server (a child process, pinned with nginx and Redis): it does
 * only the unit operations every design of Coral must do per player, each the way Coral does
 * it (the same `ws` settings, encoders, decoder, Redis client and ticket signing), one kind at a
 * time at an open-loop rate the parent asks for. It holds no state and runs no flow: it is a
 * yardstick, not a server (docs/decisions/coral-perf-014-the-floor-of-a-player.md).
 */
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { coralClientDecoder, coralFamilies, type CoralServerMessage } from '@glaceon/protocol';
import { corkForThisTurn, generateTicketKeyPair, signJoinTicket } from '@glaceon/protocol/node';
import { closeRedis, createRedis, parseQueueEvent, queueEventMayConcern } from '@glaceon/store';
import type { FloorRun, ToFloorServer, FromFloorServer } from './messages.js';
import { FLOOR_PER_PLAYER } from './model.js';

const TICK_MS = 10;
// The sample messages of the protocol's own families: the sizes Coral really sends.
const serverSamples = (coralFamilies.find((f) => f.name === 'coral.server')?.samples ?? []) as CoralServerMessage[];
const sample = (type: string): CoralServerMessage => {
  const found = serverSamples.find((m) => m.type === type);
  if (!found) throw new Error(`no sample of ${type}`);
  return found;
};
/** What a player is sent in any design: where they wait, their match, their game, its end. */
const PLAYER_MESSAGES = ['queue.status', 'match.found', 'game.ready', 'game.ended'].map(sample);
// A script of Coral's usual shape: a few reads and writes of one slot's keys (about seven
// commands inside, as the matchmaking scripts average), answering a short array.
const SCRIPT = `
local state = redis.call('HGET', KEYS[1], 'state')
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'seq', ARGV[2], 'at', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'n', 1)
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], 600000)
redis.call('HGET', KEYS[1], 'n')
return {1, state or ''}
`;

const redisUrl = process.env.REDIS_URL;
const port = Number(process.env.PORT);
if (!redisUrl || !Number.isInteger(port)) throw new Error('floor server: REDIS_URL and PORT are required');

// Coral's own client settings: one command stream, each turn's commands in one write.
const redis = createRedis(redisUrl, { coalesceWrites: true });
const publisher = createRedis(redisUrl, { coalesceWrites: true });
const subscriber = createRedis(redisUrl);
const keys = generateTicketKeyPair();
let received = 0;
// Queue events as Coral gets them: a sharded channel, the raw pre-filter, then the store's decoder.
const EVENT_CHANNEL = '{q:floor}:events';
const EVENT = JSON.stringify({
  type: 'game_ready',
  mode: '2v2',
  pm: 'pm_sample000000000000000',
  gameId: 'g_sample0000000000000000',
  serverId: 'ms_sample000000000000000',
  address: '127.0.0.1:7777',
  players: ['p_sample0000000000000001', 'p_sample0000000000000002', 'p_sample0000000000000003', 'p_sample0000000000000004'],
});
subscriber.on('smessage', (_channel: string, message: string) => {
  if (queueEventMayConcern(message, () => true) && parseQueueEvent(message)) received++;
});

const sockets: WebSocket[] = [];
const http = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server: http, maxPayload: 64 * 1024, perMessageDeflate: false });
let acks = 0;
wss.on('connection', (ws) => {
  sockets.push(ws);
  ws.on('error', () => undefined);
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    // Coral's request path: parse, check against the schema, answer with an ack.
    const decoded = coralClientDecoder.decode(JSON.parse(data.toString()));
    if (!decoded.ok) return;
    const id = 'id' in decoded.value ? decoded.value.id : undefined;
    send(ws, { type: 'ack', id: id ?? 'x' } as CoralServerMessage);
    acks++;
  });
});

function send(ws: WebSocket, message: CoralServerMessage): void {
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  if (socket) corkForThisTurn(socket);
  ws.send(JSON.stringify(message));
}

let next = 0;
let seq = 0;
const ops: Record<'frame' | 'hget' | 'script' | 'event' | 'sign', () => Promise<unknown> | void> = {
  frame: () => {
    const ws = sockets[next++ % sockets.length];
    if (ws) send(ws, PLAYER_MESSAGES[seq++ % PLAYER_MESSAGES.length] as CoralServerMessage);
  },
  hget: () => redis.hget(`floor:{${seq++ % 4096}}`, 'state'),
  script: () => {
    const n = seq++;
    const tag = `{${n % 4096}}`;
    return redis.evalsha(scriptSha, 2, `floor:${tag}`, `floor:${tag}:z`, 'queued', String(n), String(Date.now()), String(n - 1));
  },
  event: () => (publisher as unknown as { spublish(channel: string, message: string): Promise<number> }).spublish(EVENT_CHANNEL, EVENT),
  sign: () => {
    const now = Math.floor(Date.now() / 1000);
    signJoinTicket(
      {
        v: 1,
        jti: `jt_${String(seq++).padStart(22, '0')}`,
        gid: 'g_sample0000000000000000',
        pid: 'p_sample0000000000000000',
        sid: 'ms_sample000000000000000',
        iat: now,
        exp: now + 60,
      },
      keys.privateKeyPem,
    );
  },
};

/**
 * Run `op` at `perSec` for `seconds`, open loop: each 10 ms tick starts what is due, replies or
 * not. `mixed` runs every unit in one timer at once, `perSec` players' worth of each: the
 * batching a real turn of the event loop gets. Answers how many were started (players, for mixed).
 */
async function run(op: FloorRun, perSec: number, seconds: number): Promise<number> {
  if (op === 'idle' || op === 'request') {
    await new Promise((r) => setTimeout(r, seconds * 1000));
    return 0;
  }
  const units =
    op === 'mixed'
      ? (Object.keys(ops) as (keyof typeof ops)[]).map((unit) => ({ fn: ops[unit], perSec: perSec * FLOOR_PER_PLAYER[unit], done: 0 }))
      : [{ fn: ops[op], perSec, done: 0 }];
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsedMs = Math.min(performance.now() - started, seconds * 1000);
      for (const unit of units) {
        const due = Math.round((elapsedMs / 1000) * unit.perSec);
        for (; unit.done < due; unit.done++) {
          const r = unit.fn();
          if (r) pending.push(r);
        }
      }
      if (elapsedMs >= seconds * 1000) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  await Promise.all(pending);
  return op === 'mixed' ? Math.round(perSec * seconds) : (units[0]?.done ?? 0);
}

function reply(message: FromFloorServer): void {
  process.send?.(message);
}

process.on('message', (m: ToFloorServer) => {
  if (m.type === 'run') {
    const before = { acks, received };
    void run(m.op, m.perSec, m.seconds).then(
      (count) => reply({ type: 'ran', op: m.op, count, acks: acks - before.acks, events: received - before.received }),
      (error: unknown) => reply({ type: 'failed', message: String(error) }),
    );
  } else if (m.type === 'stop') {
    void Promise.all([closeRedis(redis), closeRedis(publisher), closeRedis(subscriber)]).finally(() => process.exit(0));
  }
});

await (subscriber as unknown as { ssubscribe(channel: string): Promise<unknown> }).ssubscribe(EVENT_CHANNEL);
// By SHA, as Coral runs its scripts (coral-perf-007): loaded once, never sent again.
const scriptSha = (await redis.script('LOAD', SCRIPT)) as string;
await redis.ping();
await publisher.ping();
http.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => reply({ type: 'ready', pid: process.pid }));
