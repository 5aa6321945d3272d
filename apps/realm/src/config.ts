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
  /** Coral endpoint handed to lobby members (the load balancer in the local stack). */
  coralPublicUrl: string;
  /** Origins allowed by CORS (the launcher's renderer). Empty: no cross-origin access. */
  corsOrigins: string[];
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  sessionTtlMs: number;
  inviteTtlMs: number;
  inviteMaxUses: number;
  /** Event socket: server heartbeat interval; a connection is presumed dead after 3 intervals without traffic. */
  heartbeatMs: number;
  /** Presence TTL of a connection not refreshed by its instance's heartbeat. */
  presenceTtlMs: number;
  /** Time allowed for the first message (`hello`) on the event socket. */
  helloTimeoutMs: number;
  rateLimits: {
    /** Per client address. */
    signIn: RateLimitRule;
    register: RateLimitRule;
    joinByToken: RateLimitRule;
    friendRequest: RateLimitRule;
    notFound: RateLimitRule;
    /** Per account name: sign-in attempts, whatever address they come from. */
    signInPerAccount: RateLimitRule;
  };
  /** Trust X-Forwarded-For (behind a proxy); off by default so clients cannot pick their rate-limit key. */
  trustProxy: boolean;
  logLevel: string;
  /** Rank tiers: bands of the display rating (docs/ratings.md). */
  ratingTiers: readonly RatingTier[];
}

export const DEFAULT_CORAL_PUBLIC_URL = 'ws://127.0.0.1:7350/v1/play';

export function defaultConfig(overrides: Partial<RealmConfig> = {}): RealmConfig {
  const base: RealmConfig = {
    redisUrl: 'redis://127.0.0.1:6379',
    coralPublicUrl: DEFAULT_CORAL_PUBLIC_URL,
    corsOrigins: ['app://glaceon', 'http://127.0.0.1:5173', 'http://localhost:5173'],
    bodyLimitBytes: 16 * 1024,
    requestTimeoutMs: 10_000,
    sessionTtlMs: 30 * 24 * 60 * 60 * 1000,
    inviteTtlMs: 24 * 60 * 60 * 1000,
    inviteMaxUses: 20,
    heartbeatMs: 10_000,
    presenceTtlMs: 30_000,
    helloTimeoutMs: 5_000,
    rateLimits: {
      signIn: { max: 20, windowMs: 60_000 },
      register: { max: 10, windowMs: 60 * 60_000 },
      joinByToken: { max: 30, windowMs: 60_000 },
      friendRequest: { max: 30, windowMs: 60_000 },
      notFound: { max: 30, windowMs: 60_000 },
      signInPerAccount: { max: 10, windowMs: 15 * 60_000 },
    },
    trustProxy: false,
    logLevel: 'info',
    ratingTiers: DEFAULT_RATING_TIERS,
  };
  return { ...base, ...overrides, rateLimits: { ...base.rateLimits, ...overrides.rateLimits } };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function rule(env: NodeJS.ProcessEnv, name: string, fallback: RateLimitRule): RateLimitRule {
  return { max: int(env, `${name}_MAX`, fallback.max), windowMs: int(env, `${name}_WINDOW_MS`, fallback.windowMs) };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RealmConfig {
  const d = defaultConfig();
  return defaultConfig({
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
    inviteTtlMs: int(env, 'INVITE_TTL_MS', d.inviteTtlMs),
    inviteMaxUses: int(env, 'INVITE_MAX_USES', d.inviteMaxUses),
    heartbeatMs: int(env, 'HEARTBEAT_MS', d.heartbeatMs),
    presenceTtlMs: int(env, 'PRESENCE_TTL_MS', d.presenceTtlMs),
    helloTimeoutMs: int(env, 'HELLO_TIMEOUT_MS', d.helloTimeoutMs),
    rateLimits: {
      signIn: rule(env, 'RL_SIGNIN', d.rateLimits.signIn),
      register: rule(env, 'RL_REGISTER', d.rateLimits.register),
      joinByToken: rule(env, 'RL_JOIN', d.rateLimits.joinByToken),
      friendRequest: rule(env, 'RL_FRIEND_REQUEST', d.rateLimits.friendRequest),
      notFound: rule(env, 'RL_NOT_FOUND', d.rateLimits.notFound),
      signInPerAccount: rule(env, 'RL_SIGNIN_ACCOUNT', d.rateLimits.signInPerAccount),
    },
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL || d.logLevel,
    ratingTiers: env.RATING_TIERS ? parseRatingTiers(env.RATING_TIERS) : d.ratingTiers,
  });
}
