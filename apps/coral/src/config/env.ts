import { hostname } from 'node:os';
import { generateTicketKeyPair, loadKeyFromEnv, publicKeyFromPrivate } from '@glaceon/protocol/node';
import { DEFAULTS, parseModes, positiveInt, type CoralConfig } from './config.js';

export interface ServerEnv {
  port: number;
  host: string;
  config: CoralConfig;
  /** MATCHMAKER_THREAD=0 runs the matchmaker on the main thread (debugging); default its own thread. */
  matchmakerIn: 'thread' | 'inline';
  /** Warnings to log loudly at startup (e.g. an ephemeral ticket key). */
  warnings: string[];
}

/**
 * Read the environment. Only `server.ts` calls this. In production
 * (NODE_ENV=production) a missing key or fleet key is fatal; in dev an
 * ephemeral key pair is generated with a loud warning (Moonstones then need
 * the public key printed by this process, or the dev stack's shared key).
 */
export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const warnings: string[] = [];
  const production = env.NODE_ENV === 'production';
  let privatePem: string;
  let publicPem: string;
  if (env.TICKET_PRIVATE_KEY) {
    privatePem = loadKeyFromEnv(env.TICKET_PRIVATE_KEY, 'TICKET_PRIVATE_KEY');
    publicPem = env.TICKET_PUBLIC_KEY ? loadKeyFromEnv(env.TICKET_PUBLIC_KEY, 'TICKET_PUBLIC_KEY') : publicKeyFromPrivate(privatePem);
  } else {
    if (production) throw new Error('TICKET_PRIVATE_KEY is required in production.');
    const pair = generateTicketKeyPair();
    privatePem = pair.privateKeyPem;
    publicPem = pair.publicKeyPem;
    warnings.push(
      'TICKET_PRIVATE_KEY is not set: signing join tickets with an EPHEMERAL key. Moonstones will reject them unless given this public key:\n' + publicPem,
    );
  }
  let fleetKey = env.FLEET_KEY ?? '';
  if (fleetKey === '') {
    if (production) throw new Error('FLEET_KEY is required in production.');
    fleetKey = 'dev-fleet-key-not-secret';
    warnings.push('FLEET_KEY is not set: using the development fleet key "dev-fleet-key-not-secret".');
  }
  const config: CoralConfig = {
    coralId: env.CORAL_ID || `coral-${hostname()}-${process.pid}`,
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    modes: parseModes(env.MODES),
    fleetKey,
    ticketPrivateKeyPem: privatePem,
    ticketPublicKeyPem: publicPem,
    ticketTtlMs: Math.min(60_000, positiveInt('TICKET_TTL_MS', env.TICKET_TTL_MS, DEFAULTS.ticketTtlMs)),
    heartbeatMs: positiveInt('HEARTBEAT_MS', env.HEARTBEAT_MS, DEFAULTS.heartbeatMs),
    maxPayloadBytes: Math.min(64 * 1024, positiveInt('MAX_PAYLOAD_BYTES', env.MAX_PAYLOAD_BYTES, DEFAULTS.maxPayloadBytes)),
    maxMessageChars: positiveInt('MAX_MESSAGE_CHARS', env.MAX_MESSAGE_CHARS, DEFAULTS.maxMessageChars),
    rateLimitPerSec: positiveInt('RATE_LIMIT_PER_SEC', env.RATE_LIMIT_PER_SEC, DEFAULTS.rateLimitPerSec),
    rateLimitBurst: positiveInt('RATE_LIMIT_BURST', env.RATE_LIMIT_BURST, DEFAULTS.rateLimitBurst),
    maxBufferedBytes: positiveInt('MAX_BUFFERED_BYTES', env.MAX_BUFFERED_BYTES, DEFAULTS.maxBufferedBytes),
    helloTimeoutMs: positiveInt('HELLO_TIMEOUT_MS', env.HELLO_TIMEOUT_MS, DEFAULTS.helloTimeoutMs),
    reconcileMs: positiveInt('RECONCILE_MS', env.RECONCILE_MS, DEFAULTS.reconcileMs),
    statusMs: positiveInt('STATUS_MS', env.STATUS_MS, DEFAULTS.statusMs),
    keepAliveMs: positiveInt('KEEPALIVE_MS', env.KEEPALIVE_MS, DEFAULTS.keepAliveMs),
    serverWaitMs: positiveInt('SERVER_WAIT_MS', env.SERVER_WAIT_MS, DEFAULTS.serverWaitMs),
    queueEntryConcurrency: positiveInt('QUEUE_ENTRY_CONCURRENCY', env.QUEUE_ENTRY_CONCURRENCY, DEFAULTS.queueEntryConcurrency),
    matchTickMs: positiveInt('MATCH_TICK_MS', env.MATCH_TICK_MS, DEFAULTS.matchTickMs),
    leaseTtlMs: positiveInt('LEASE_TTL_MS', env.LEASE_TTL_MS, DEFAULTS.leaseTtlMs),
    sweepEveryMs: positiveInt('SWEEP_MS', env.SWEEP_MS, DEFAULTS.sweepEveryMs),
    graceMs: positiveInt('GRACE_MS', env.GRACE_MS, DEFAULTS.graceMs),
    historyPerPlayer: Math.min(1000, positiveInt('HISTORY_PER_PLAYER', env.HISTORY_PER_PLAYER, DEFAULTS.historyPerPlayer)),
    historyTtlMs: Math.min(3650, positiveInt('HISTORY_TTL_DAYS', env.HISTORY_TTL_DAYS, DEFAULTS.historyTtlMs / 86_400_000)) * 86_400_000,
    ...(env.ACCEPT_TIMEOUT_MS ? { acceptTimeoutMs: positiveInt('ACCEPT_TIMEOUT_MS', env.ACCEPT_TIMEOUT_MS, 20_000) } : {}),
  };
  return {
    port: positiveInt('PORT', env.PORT, 7400),
    host: env.HOST || '127.0.0.1',
    config,
    matchmakerIn: env.MATCHMAKER_THREAD === '0' || env.MATCHMAKER_THREAD === 'false' ? 'inline' : 'thread',
    warnings,
  };
}
