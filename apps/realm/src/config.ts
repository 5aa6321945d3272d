import type { QueueCatalog } from '@glaceon/protocol';
import { defaultQueuesPath, loadQueuesFile, queuesFromEnv } from '@glaceon/protocol/node';
import { isIP } from 'node:net';

/**
 * Realm configuration. `server.ts` reads it from the environment
 * (docs/realm.md lists every variable); tests pass it to buildApp directly.
 */
import { DEFAULT_RATING_TIERS, type RatingTier } from '@glaceon/store';
import { parseRatingTiers } from './progression-config.js';
export interface RateLimitRule {
  max: number;
  windowMs: number;
}

export interface RealmConfig {
  redisUrl: string;
  /**
   * The queue configuration (GLACEON_QUEUES, or the shipped config/queues.yaml): which queues
   * lobbies may pick, their party caps, what GET /v1/queues lists. Replaced on SIGHUP.
   */
  queues: QueueCatalog;
  /** The file `queues` came from (re-read on SIGHUP); undefined when built in code. */
  queuesFile?: string;
  /** Coral endpoint handed to lobby members (the load balancer in the local stack). */
  coralPublicUrl: string;
  /** Origins allowed by CORS (the launcher's renderer). Empty: no cross-origin access. */
  corsOrigins: string[];
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  /** Sliding session TTL, stored with each session (Coral slides by it too). */
  sessionTtlMs: number;
  /** Password hashes computed at once, and allowed to wait (past it: BUSY). */
  passwordHashing: { maxConcurrent: number; maxWaiting: number };
  /** Absolute session lifetime: a session ends this long after sign-in whatever its use. */
  sessionMaxLifetimeMs: number;
  /** Sessions per account; signing in past it revokes the oldest. */
  maxSessionsPerAccount: number;
  inviteTtlMs: number;
  inviteMaxUses: number;
  /** Join requests (#15): how long one stays pending, and how many one lobby may hold. */
  joinRequests: { ttlMs: number; maxPerLobby: number };
  /** Event socket: server heartbeat interval; a connection is presumed dead after 3 intervals without traffic. */
  heartbeatMs: number;
  /** Presence TTL of a connection not refreshed by its instance's heartbeat. */
  presenceTtlMs: number;
  /**
   * Re-check every event socket's session this often: the safety net for
   * sessions that end without a revocation entry; revocations arrive on a stream.
   */
  sessionRecheckMs: number;
  /** Time allowed for the first message (`hello`) on the event socket. */
  helloTimeoutMs: number;
  /** Event socket limits (docs/security.md, #12 items 1 and 11). */
  events: {
    /** Token bucket per socket: frames per second, and the burst allowed. */
    ratePerSec: number;
    rateBurst: number;
    /** Bytes queued for a client that does not read; past this the socket is terminated. */
    maxBufferedBytes: number;
    /** Event sockets per account (all instances count separately: per instance); the oldest is closed past it. */
    maxSocketsPerAccount: number;
  };
  /** Time allowed for a request's headers to arrive (slow-header connections are cut). */
  headersTimeoutMs: number;
  rateLimits: {
    /** Per client address. */
    signIn: RateLimitRule;
    register: RateLimitRule;
    joinByToken: RateLimitRule;
    friendRequest: RateLimitRule;
    notFound: RateLimitRule;
    /** Per account name: failed sign-ins from every client; past `max`, the account is under broad attack (every client is paced). */
    signInPerAccount: RateLimitRule;
  };
  /** Per-account limits on actions that write keys (lobby churn, invite rotation, kicks, direct invites). */
  accountLimits: { lobby: RateLimitRule; inviteRotate: RateLimitRule; kick: RateLimitRule; directInvite: RateLimitRule; joinRequest: RateLimitRule };
  /** Chat lines and direct messages per player (one token bucket shared by both, in Redis, across instances). */
  chat: { ratePerSec: number; burst: number };
  /** Sign-in pacing per (account, client): slow the guesser down, never lock the owner out. */
  signInPace: { freeAttempts: number; baseDelayMs: number; maxDelayMs: number; windowMs: number; broadDelayMs: number };
  /**
   * Which X-Forwarded-For hops to believe: false (default: none), a hop count,
   * or the trusted proxies' addresses/CIDRs. Never `true` (any client would
   * pick its own address, and so its rate-limit key): refused at start.
   */
  trustProxy: false | number | string[];
  /** The internal listener (`/metrics`): never the public one. Loopback by default; port 0 picks a free one. */
  internalHost: string;
  internalPort: number;
  logLevel: string;
  /** Rank tiers: bands of the display rating (docs/ratings.md). */
  ratingTiers: readonly RatingTier[];
}

let shipped: QueueCatalog | undefined;
/** config/queues.yaml, read once. */
function shippedQueues(): QueueCatalog {
  shipped ??= loadQueuesFile(defaultQueuesPath());
  return shipped;
}

export const DEFAULT_CORAL_PUBLIC_URL = 'ws://127.0.0.1:7350/v1/play';

export function defaultConfig(overrides: Partial<RealmConfig> = {}): RealmConfig {
  const base: RealmConfig = {
    redisUrl: 'redis://127.0.0.1:6379',
    queues: overrides.queues ?? shippedQueues(),
    coralPublicUrl: DEFAULT_CORAL_PUBLIC_URL,
    corsOrigins: ['app://glaceon', 'http://127.0.0.1:5173', 'http://localhost:5173'],
    bodyLimitBytes: 16 * 1024,
    requestTimeoutMs: 10_000,
    sessionTtlMs: 30 * 24 * 60 * 60 * 1000,
    passwordHashing: { maxConcurrent: 2, maxWaiting: 64 },
    sessionMaxLifetimeMs: 90 * 24 * 60 * 60 * 1000,
    maxSessionsPerAccount: 10,
    inviteTtlMs: 24 * 60 * 60 * 1000,
    inviteMaxUses: 20,
    joinRequests: { ttlMs: 2 * 60_000, maxPerLobby: 10 },
    heartbeatMs: 10_000,
    presenceTtlMs: 30_000,
    sessionRecheckMs: 60_000,
    helloTimeoutMs: 5_000,
    events: { ratePerSec: 10, rateBurst: 20, maxBufferedBytes: 1024 * 1024, maxSocketsPerAccount: 5 },
    headersTimeoutMs: 5_000,
    rateLimits: {
      signIn: { max: 20, windowMs: 60_000 },
      register: { max: 10, windowMs: 60 * 60_000 },
      joinByToken: { max: 30, windowMs: 60_000 },
      friendRequest: { max: 30, windowMs: 60_000 },
      notFound: { max: 30, windowMs: 60_000 },
      signInPerAccount: { max: 100, windowMs: 15 * 60_000 },
    },
    accountLimits: {
      lobby: { max: 60, windowMs: 10 * 60_000 },
      inviteRotate: { max: 30, windowMs: 10 * 60_000 },
      kick: { max: 30, windowMs: 10 * 60_000 },
      directInvite: { max: 60, windowMs: 10 * 60_000 },
      joinRequest: { max: 20, windowMs: 10 * 60_000 },
    },
    chat: { ratePerSec: 1, burst: 5 },
    signInPace: { freeAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, windowMs: 15 * 60_000, broadDelayMs: 5_000 },
    trustProxy: false,
    internalHost: '127.0.0.1',
    internalPort: 7301,
    logLevel: 'info',
    ratingTiers: DEFAULT_RATING_TIERS,
  };
  return {
    ...base,
    ...overrides,
    signInPace: { ...base.signInPace, ...overrides.signInPace },
    events: { ...base.events, ...overrides.events },
    chat: { ...base.chat, ...overrides.chat },
    rateLimits: { ...base.rateLimits, ...overrides.rateLimits },
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** At least 1 (a zero rate or burst would refuse every message, or divide by zero in the bucket). */
function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const n = int(env, name, fallback);
  if (n < 1) throw new Error(`${name} must be at least 1, got "${env[name]}"`);
  return n;
}

function rule(env: NodeJS.ProcessEnv, name: string, fallback: RateLimitRule): RateLimitRule {
  return { max: int(env, `${name}_MAX`, fallback.max), windowMs: int(env, `${name}_WINDOW_MS`, fallback.windowMs) };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or CIDR (`10.0.0.0/8`, `::1`), or one of proxy-addr's names (loopback, linklocal, uniquelocal). */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY: unset/`false`/`0` none; an integer: that many hops; else a comma list of trusted proxy addresses. `true` is refused. */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') {
    throw new Error(
      'TRUST_PROXY=true would trust every X-Forwarded-For header, so any client could choose its own address (and rate-limit key). ' +
        "Set TRUST_PROXY to the number of proxy hops in front of Realm (e.g. 1) or to the proxies' addresses (e.g. 10.0.0.5,10.0.1.0/24).",
    );
  }
  if (/^\d+$/.test(value)) return Number(value);
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((entry) => !isProxyAddress(entry));
  if (bad.length > 0) throw new Error(`TRUST_PROXY must be a hop count or a comma list of proxy addresses/CIDRs; not understood: ${bad.join(', ')}`);
  return list;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RealmConfig {
  // A bad queue file stops Realm here, with the field and the rule it breaks.
  const { catalog: queues, file: queuesFile } = queuesFromEnv(env);
  const d = defaultConfig({ queues });
  return defaultConfig({
    queues,
    queuesFile,
    redisUrl: env.REDIS_URL || d.redisUrl,
    coralPublicUrl: env.CORAL_PUBLIC_URL || d.coralPublicUrl,
    corsOrigins:
      env.CORS_ORIGINS !== undefined
        ? env.CORS_ORIGINS.split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : d.corsOrigins,
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', d.bodyLimitBytes),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', d.requestTimeoutMs),
    sessionTtlMs: int(env, 'SESSION_TTL_MS', d.sessionTtlMs),
    passwordHashing: {
      maxConcurrent: int(env, 'PASSWORD_HASH_CONCURRENCY', d.passwordHashing.maxConcurrent),
      maxWaiting: int(env, 'PASSWORD_HASH_QUEUE', d.passwordHashing.maxWaiting),
    },
    sessionMaxLifetimeMs: int(env, 'SESSION_MAX_LIFETIME_MS', d.sessionMaxLifetimeMs),
    maxSessionsPerAccount: int(env, 'MAX_SESSIONS_PER_ACCOUNT', d.maxSessionsPerAccount),
    inviteTtlMs: int(env, 'INVITE_TTL_MS', d.inviteTtlMs),
    inviteMaxUses: int(env, 'INVITE_MAX_USES', d.inviteMaxUses),
    joinRequests: {
      ttlMs: int(env, 'JOIN_REQUEST_TTL_MS', d.joinRequests.ttlMs),
      maxPerLobby: int(env, 'JOIN_REQUEST_MAX_PER_LOBBY', d.joinRequests.maxPerLobby),
    },
    heartbeatMs: int(env, 'HEARTBEAT_MS', d.heartbeatMs),
    presenceTtlMs: int(env, 'PRESENCE_TTL_MS', d.presenceTtlMs),
    sessionRecheckMs: positive(env, 'SESSION_RECHECK_MS', d.sessionRecheckMs),
    helloTimeoutMs: int(env, 'HELLO_TIMEOUT_MS', d.helloTimeoutMs),
    events: {
      ratePerSec: int(env, 'EVENTS_RATE_PER_SEC', d.events.ratePerSec),
      rateBurst: int(env, 'EVENTS_RATE_BURST', d.events.rateBurst),
      maxBufferedBytes: int(env, 'EVENTS_MAX_BUFFERED_BYTES', d.events.maxBufferedBytes),
      maxSocketsPerAccount: int(env, 'EVENTS_MAX_SOCKETS_PER_ACCOUNT', d.events.maxSocketsPerAccount),
    },
    headersTimeoutMs: int(env, 'HEADERS_TIMEOUT_MS', d.headersTimeoutMs),
    rateLimits: {
      signIn: rule(env, 'RL_SIGNIN', d.rateLimits.signIn),
      register: rule(env, 'RL_REGISTER', d.rateLimits.register),
      joinByToken: rule(env, 'RL_JOIN', d.rateLimits.joinByToken),
      friendRequest: rule(env, 'RL_FRIEND_REQUEST', d.rateLimits.friendRequest),
      notFound: rule(env, 'RL_NOT_FOUND', d.rateLimits.notFound),
      signInPerAccount: rule(env, 'RL_SIGNIN_ACCOUNT', d.rateLimits.signInPerAccount),
    },
    accountLimits: {
      lobby: rule(env, 'RL_LOBBY', d.accountLimits.lobby),
      inviteRotate: rule(env, 'RL_INVITE_ROTATE', d.accountLimits.inviteRotate),
      kick: rule(env, 'RL_KICK', d.accountLimits.kick),
      directInvite: rule(env, 'RL_DIRECT_INVITE', d.accountLimits.directInvite),
      joinRequest: rule(env, 'RL_JOIN_REQUEST', d.accountLimits.joinRequest),
    },
    chat: { ratePerSec: positive(env, 'CHAT_RATE_PER_SEC', d.chat.ratePerSec), burst: positive(env, 'CHAT_BURST', d.chat.burst) },
    signInPace: {
      freeAttempts: int(env, 'SIGNIN_FREE_ATTEMPTS', d.signInPace.freeAttempts),
      baseDelayMs: int(env, 'SIGNIN_BASE_DELAY_MS', d.signInPace.baseDelayMs),
      maxDelayMs: int(env, 'SIGNIN_MAX_DELAY_MS', d.signInPace.maxDelayMs),
      windowMs: int(env, 'SIGNIN_PACE_WINDOW_MS', d.signInPace.windowMs),
      broadDelayMs: int(env, 'SIGNIN_BROAD_DELAY_MS', d.signInPace.broadDelayMs),
    },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    internalHost: env.INTERNAL_HOST || d.internalHost,
    internalPort: int(env, 'INTERNAL_PORT', int(env, 'METRICS_PORT', d.internalPort)),
    logLevel: env.LOG_LEVEL || d.logLevel,
    ratingTiers: env.RATING_TIERS ? parseRatingTiers(env.RATING_TIERS) : d.ratingTiers,
  });
}
