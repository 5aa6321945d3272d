import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { generateTicketKeyPair, loadKeyFromEnv, publicKeyFromPrivate, queuesFromEnv } from '@glaceon/protocol/node';
import { playerSocketCap, readFdLimit } from '../socket/socket-cap.js';
import { DEFAULTS, parseHosts, parseModes, positiveInt, type CoralConfig } from './config.js';

export interface ServerEnv {
  port: number;
  host: string;
  config: CoralConfig;
  /** MATCHMAKER_THREAD=0 runs the matchmaker on the main thread (debugging); default its own thread. */
  matchmakerIn: 'thread' | 'inline';
  /** Warnings to log loudly at startup (e.g. an ephemeral ticket key). */
  warnings: string[];
}

/** The one development switch of every Glaceon service (docs/security/fleet.md). */
export const INSECURE_DEV_SWITCH = 'GLACEON_INSECURE_DEV';

/**
 * Read the environment. Only `server.ts` calls this. Secure by default: without
 * TICKET_PRIVATE_KEY or FLEET_KEY, Coral refuses to start unless GLACEON_INSECURE_DEV=1
 * (the local stack and the tests set it or pass real keys); then it generates
 * ephemeral keys and says so loudly. The switch is refused with NODE_ENV=production.
 */
export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const warnings: string[] = [];
  const insecure = env[INSECURE_DEV_SWITCH] === '1';
  if (insecure && env.NODE_ENV === 'production') throw new Error(`${INSECURE_DEV_SWITCH}=1 is not allowed with NODE_ENV=production.`);
  if (insecure)
    warnings.push(`${INSECURE_DEV_SWITCH}=1: DEVELOPMENT MODE. Missing secrets are replaced by ephemeral ones. Never run this on a network others can reach.`);
  const refuse = (name: string, why: string) =>
    new Error(`${name} is not set: ${why}. Set it (see README "Configuration"), or set ${INSECURE_DEV_SWITCH}=1 for local development only.`);
  let privatePem: string;
  let publicPem: string;
  if (env.TICKET_PRIVATE_KEY) {
    privatePem = loadKeyFromEnv(env.TICKET_PRIVATE_KEY, 'TICKET_PRIVATE_KEY');
    publicPem = env.TICKET_PUBLIC_KEY ? loadKeyFromEnv(env.TICKET_PUBLIC_KEY, 'TICKET_PUBLIC_KEY') : publicKeyFromPrivate(privatePem);
  } else {
    if (!insecure) throw refuse('TICKET_PRIVATE_KEY', 'Coral signs join tickets with it');
    const pair = generateTicketKeyPair();
    privatePem = pair.privateKeyPem;
    publicPem = pair.publicKeyPem;
    warnings.push('TICKET_PRIVATE_KEY is not set: signing join tickets with an EPHEMERAL key (servers learn its public key from heartbeats).');
  }
  let fleetKey = env.FLEET_KEY ?? '';
  if (fleetKey === '') {
    if (!insecure) throw refuse('FLEET_KEY', 'every game server credential is derived from this fleet secret');
    fleetKey = randomBytes(32).toString('base64url');
    warnings.push('FLEET_KEY is not set: using an EPHEMERAL fleet secret; no Moonstone can register unless given a credential derived from it.');
  }
  if (fleetKey.length < 32 && !insecure) throw new Error('FLEET_KEY must be at least 32 characters (e.g. openssl rand -base64 32).');
  const caFile = env.FLEET_CONTROL_CA_FILE;
  // A bad queue file stops Coral here, with the field and the rule it breaks.
  const { catalog: queues, file: queuesFile } = queuesFromEnv(env);
  const config: CoralConfig = {
    coralId: env.CORAL_ID || `coral-${hostname()}-${process.pid}`,
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    queues,
    queuesFile,
    modes: parseModes(env.MODES, queues),
    fleetKey,
    internalPort: nonNegativeInt('INTERNAL_PORT', env.INTERNAL_PORT, 7480),
    internalHost: env.INTERNAL_HOST || '127.0.0.1',
    fleetControlHosts: parseHosts('FLEET_CONTROL_HOSTS', env.FLEET_CONTROL_HOSTS),
    ...(caFile ? { fleetControlCaPem: readFileSync(caFile, 'utf8') } : {}),
    maxPlayerSockets: playerSocketCap({
      fdLimit: readFdLimit(),
      headroom: positiveInt('FD_HEADROOM', env.FD_HEADROOM, DEFAULTS.fdHeadroom),
      configured: env.MAX_PLAYER_SOCKETS ? positiveInt('MAX_PLAYER_SOCKETS', env.MAX_PLAYER_SOCKETS, 1) : undefined,
    }),
    maxSocketsPerPlayer: positiveInt('MAX_SOCKETS_PER_PLAYER', env.MAX_SOCKETS_PER_PLAYER, DEFAULTS.maxSocketsPerPlayer),
    queueEntryMaxWaiting: positiveInt('QUEUE_ENTRY_MAX_WAITING', env.QUEUE_ENTRY_MAX_WAITING, DEFAULTS.queueEntryMaxWaiting),
    queueEntryMaxWaitMs: positiveInt('QUEUE_ENTRY_MAX_WAIT_MS', env.QUEUE_ENTRY_MAX_WAIT_MS, DEFAULTS.queueEntryMaxWaitMs),
    loopDelayShedMs: positiveInt('LOOP_DELAY_SHED_MS', env.LOOP_DELAY_SHED_MS, DEFAULTS.loopDelayShedMs),
    ticketPrivateKeyPem: privatePem,
    ticketPublicKeyPem: publicPem,
    ticketTtlMs: Math.min(60_000, positiveInt('TICKET_TTL_MS', env.TICKET_TTL_MS, DEFAULTS.ticketTtlMs)),
    heartbeatMs: positiveInt('HEARTBEAT_MS', env.HEARTBEAT_MS, DEFAULTS.heartbeatMs),
    sessionRecheckMs: positiveInt('SESSION_RECHECK_MS', env.SESSION_RECHECK_MS, DEFAULTS.sessionRecheckMs),
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

function nonNegativeInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number (0 = any free port), got "${value}"`);
  return n;
}
