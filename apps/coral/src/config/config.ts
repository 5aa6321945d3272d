import { playerSocketCap, readFdLimit } from '../socket/socket-cap.js';
import type { QueueCatalog, QueueModeId } from '@glaceon/protocol';
import { defaultQueuesPath, loadQueuesFile } from '@glaceon/protocol/node';

/** Everything a Coral process needs; `server.ts` builds it from the environment, tests build it directly. */
export interface CoralConfig {
  /** Name of this instance in logs, metrics and the leader lease. */
  coralId: string;
  redisUrl: string;
  /**
   * The queue configuration (GLACEON_QUEUES, or the shipped config/queues.yaml): shapes,
   * party sizes, ready-check time, rating rules, maximum game length per queue.
   */
  queues: QueueCatalog;
  /** The file `queues` came from (re-read on SIGHUP); undefined when built in code. */
  queuesFile?: string;
  /** Queues this Coral serves (leader candidate and subscriber for each of their slots): every queue of `queues`, or the MODES subset. */
  modes: QueueModeId[];
  /** Slots a reload closed (a removed queue, or a region a kept queue no longer runs in): still served while they drain. */
  drainingSlots?: QueueModeId[];
  /**
   * The fleet secret (FLEET_KEY). It never leaves Coral: each server's credential is
   * derived from it and the server id (fleetServerKey), and pushes are signed with that.
   */
  fleetKey: string;
  /** The internal listener (fleet API, /metrics): its own port, loopback by default; never published. */
  internalPort: number;
  internalHost: string;
  /**
   * Hosts a server may name in its controlUrl besides loopback and its own address host
   * (FLEET_CONTROL_HOSTS). Anything else is refused at registration, so Coral never pushes
   * to a host an attacker picked.
   */
  fleetControlHosts: string[];
  /** Extra CA (PEM) trusted for https control URLs (FLEET_CONTROL_CA_FILE); default: Node's roots. */
  fleetControlCaPem?: string;
  /** Sockets one player may hold on this Coral; a newer one closes the oldest (SOCKET_REPLACED). */
  maxSocketsPerPlayer: number;
  /**
   * Player sockets this Coral holds at most (resolved at start: the file-descriptor limit
   * minus FD_HEADROOM, and at most MAX_PLAYER_SOCKETS). Past it a new socket is closed at
   * once with INSTANCE_FULL (4421: try another instance); health and metrics keep working.
   */
  maxPlayerSockets: number;
  /** Queue entries waiting for the entry gate; past it a typed retryable UNAVAILABLE. */
  /**
   * Admission (issue #13): a new queue entry is refused at once with BUSY (retryable) while the
   * oldest entry waiting for the gate has waited longer than this (ms)...
   */
  queueEntryMaxWaitMs: number;
  /** ...or while this Coral's measured event-loop delay (p90 over 500 ms) is above this (ms). */
  loopDelayShedMs: number;
  queueEntryMaxWaiting: number;
  ticketPrivateKeyPem: string;
  ticketPublicKeyPem: string;
  /** Join tickets expire this long after signing (<= 60 s). */
  ticketTtlMs: number;
  /** Ping every this often; a peer silent for two intervals is dropped. */
  heartbeatMs: number;
  /**
   * Re-check every open socket's session this often: the safety net for sessions that end
   * without a revocation entry (expiry); revocations themselves arrive on a stream.
   */
  sessionRecheckMs: number;
  /** Frames above this are refused by `ws` with close 1009. */
  maxPayloadBytes: number;
  /** Frames above this (and below maxPayloadBytes) get a typed PAYLOAD_TOO_LARGE error. */
  maxMessageChars: number;
  /** Token bucket per connection: sustained messages per second and burst. */
  rateLimitPerSec: number;
  rateLimitBurst: number;
  /** A socket whose unsent data exceeds this is a slow consumer and is dropped. */
  maxBufferedBytes: number;
  /** The first message must arrive within this. */
  helloTimeoutMs: number;
  /** Re-read every local player's state from keys this often (catches missed pub/sub). */
  reconcileMs: number;
  /** Push `queue.status` to queued players this often. */
  statusMs: number;
  /** Refresh queued players' keep-alive this often while their socket lives. */
  keepAliveMs: number;
  /** Wait this long for a free game server before giving the game up (lobbies idle, `server_lost`). */
  serverWaitMs: number;
  /** Queue entries (and cancels) in flight at once on this Coral; more wait in arrival order. */
  queueEntryConcurrency: number;
  /** Matchmaker tick per mode. */
  matchTickMs: number;
  /** Leader lease TTL: another Coral takes over within this after the leader dies. */
  leaseTtlMs: number;
  /** The leader sweeps expired ready checks, unseen lobbies and half-done steps this often. */
  sweepEveryMs: number;
  /** A queued lobby none of whose players is seen for this long leaves the queue. */
  graceMs: number;
  /** Ready-check window for every queue (ACCEPT_TIMEOUT_MS, tests and chaos runs); undefined: each queue's readyCheckMs. */
  acceptTimeoutMs?: number;
  /** Match history: games kept per player (1-1000). */
  historyPerPlayer: number;
  /** Match history: a game record (and an idle player's list) expires after this (ms). */
  historyTtlMs: number;
}

export const DEFAULTS = {
  heartbeatMs: 15_000,
  sessionRecheckMs: 60_000,
  maxPayloadBytes: 64 * 1024,
  maxMessageChars: 8 * 1024,
  rateLimitPerSec: 20,
  rateLimitBurst: 40,
  maxBufferedBytes: 1024 * 1024,
  helloTimeoutMs: 10_000,
  reconcileMs: 5_000,
  statusMs: 5_000,
  keepAliveMs: 5_000,
  ticketTtlMs: 60_000,
  serverWaitMs: 30_000,
  queueEntryConcurrency: 256,
  queueEntryMaxWaiting: 5_000,
  queueEntryMaxWaitMs: 1_000,
  loopDelayShedMs: 250,
  maxSocketsPerPlayer: 4,
  matchTickMs: 100,
  leaseTtlMs: 2_000,
  sweepEveryMs: 500,
  graceMs: 30_000,
  historyPerPlayer: 100,
  historyTtlMs: 90 * 24 * 60 * 60_000,
  /** File descriptors kept free of player sockets (Redis, health, metrics, fleet API, refusals). */
  fdHeadroom: 256,
} as const;

/** A full config from the defaults plus what the caller gives (tests, bench). */
export function coralConfig(
  given: Pick<CoralConfig, 'coralId' | 'redisUrl' | 'ticketPrivateKeyPem' | 'ticketPublicKeyPem'> & Partial<CoralConfig>,
): CoralConfig {
  const queues = given.queues ?? loadQueuesFile(defaultQueuesPath());
  return {
    queues,
    modes: queues.ids,
    fleetKey: 'dev-fleet-key-not-secret',
    internalPort: 0,
    internalHost: '127.0.0.1',
    fleetControlHosts: [],
    maxPlayerSockets: playerSocketCap({ fdLimit: readFdLimit(), headroom: DEFAULTS.fdHeadroom, configured: undefined }),
    ...DEFAULTS,
    ...given,
  };
}

/** MODES: a comma-separated subset of the configured queues this Coral serves; empty: all of them. */
export function parseModes(value: string | undefined, queues: QueueCatalog): QueueModeId[] {
  if (!value || value.trim() === '') return queues.ids;
  const modes = value
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  for (const m of modes) if (!queues.has(m)) throw new Error(`MODES: unknown queue "${m}" (the queue configuration has: ${queues.ids.join(', ')})`);
  return [...new Set(modes)];
}

export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

/** Comma-separated host names / addresses (FLEET_CONTROL_HOSTS); IPv6 with or without brackets. */
export function parseHosts(name: string, value: string | undefined): string[] {
  if (!value || value.trim() === '') return [];
  const hosts = value
    .split(',')
    .map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, '$1'),
    )
    .filter(Boolean);
  for (const h of hosts) if (!/^[a-z0-9.:-]{1,253}$/.test(h)) throw new Error(`${name}: "${h}" is not a host name or address`);
  return hosts;
}
