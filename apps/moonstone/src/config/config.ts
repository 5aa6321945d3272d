import { randomBytes } from 'node:crypto';
import { isHostPort, isId } from '@glaceon/protocol';
import { fleetServerKey } from '@glaceon/protocol/node';

export interface MoonstoneConfig {
  serverId: string;
  /** Onyx game port (0 = any free port; then the address uses the bound port). */
  port: number;
  controlPort: number;
  /** Interface both servers listen on. */
  bindHost: string;
  /** host:port Onyx connects to, as told to Coral; default <bindHost>:<bound port>. */
  publicAddress?: string;
  /** Control base URL as told to Coral; default http://<bindHost>:<bound control port>. */
  controlUrl?: string;
  coralFleetUrl: string;
  /**
   * This server's own fleet credential, fleetServerKey(FLEET_KEY, serverId), from the
   * operator's provisioning tool (FLEET_SERVER_KEY). The fleet secret itself is never here.
   */
  serverKey: string;
  capacity: number;
  region: string;
  version: string;
  gameLengthMs: number;
  noShowTimeoutMs: number;
  /** On SIGTERM, wait this long for running games before ending them. */
  drainTimeoutMs: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

export interface LoadedConfig {
  config: MoonstoneConfig;
  /** Said loudly at startup (the development switch). */
  warnings: string[];
}

/** Read and check the environment; throws a message naming the variable (never its value when secret). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): MoonstoneConfig {
  return readConfig(env).config;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const warnings: string[] = [];
  const insecure = env.GLACEON_INSECURE_DEV === '1';
  if (insecure && env.NODE_ENV === 'production') throw new Error('GLACEON_INSECURE_DEV=1 is not allowed with NODE_ENV=production.');
  const serverId = env.MOONSTONE_ID || `ms_${randomBytes(8).toString('hex')}`;
  if (!isId('ms_', serverId)) throw new Error('MOONSTONE_ID must look like ms_<letters, digits, _ or -> (at most 64 after the prefix).');
  const coralFleetUrl = env.CORAL_FLEET_URL ?? '';
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(coralFleetUrl)) throw new Error('CORAL_FLEET_URL must be an http(s) base URL, e.g. http://127.0.0.1:8080');
  let serverKey = env.FLEET_SERVER_KEY ?? '';
  if (serverKey === '') {
    // Development only: derive our own credential from the fleet secret (a production server never holds it).
    if (!insecure || !env.FLEET_KEY) {
      throw new Error(
        'FLEET_SERVER_KEY is not set: give this server its credential (npm run fleet-credential -w @glaceon/coral -- <serverId>), ' +
          'or set GLACEON_INSECURE_DEV=1 with FLEET_KEY for local development only.',
      );
    }
    serverKey = fleetServerKey(env.FLEET_KEY, serverId);
    warnings.push('GLACEON_INSECURE_DEV=1: DEVELOPMENT MODE. This server derived its credential from FLEET_KEY, so it holds the fleet secret.');
  } else if (!/^[A-Za-z0-9_-]{43}$/.test(serverKey)) {
    throw new Error('FLEET_SERVER_KEY must be the 43-character base64url credential derived for this MOONSTONE_ID.');
  }
  const publicAddress = env.PUBLIC_ADDRESS || undefined;
  if (publicAddress !== undefined && !isHostPort(publicAddress)) throw new Error('PUBLIC_ADDRESS must be host:port.');
  const region = env.REGION || 'local';
  if (!/^[a-z0-9-]{1,32}$/.test(region)) throw new Error('REGION must be 1-32 of a-z, 0-9, -.');
  const gameLengthMs = int(env, 'GAME_LENGTH_MS', 10_000, 1);
  const noShowTimeoutMs = int(env, 'NOSHOW_TIMEOUT_MS', 30_000, 1);
  const config: MoonstoneConfig = {
    serverId,
    port: int(env, 'PORT', 7777),
    controlPort: int(env, 'CONTROL_PORT', 7778),
    bindHost: env.BIND_HOST || '127.0.0.1',
    ...(publicAddress ? { publicAddress } : {}),
    ...(env.CONTROL_URL ? { controlUrl: env.CONTROL_URL } : {}),
    coralFleetUrl: coralFleetUrl.replace(/\/+$/, ''),
    serverKey,
    capacity: int(env, 'CAPACITY', 4, 1),
    region,
    version: env.MOONSTONE_VERSION || '0.1.0-reference',
    gameLengthMs,
    noShowTimeoutMs,
    drainTimeoutMs: int(env, 'DRAIN_TIMEOUT_MS', gameLengthMs + noShowTimeoutMs, 0),
  };
  return { config, warnings };
}
