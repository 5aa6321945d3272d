/**
 * Reference Moonstone server process. Env: see docs/moonstone-contract.md
 * ("Running the reference server"). SIGTERM/SIGINT: drain, then exit 0.
 */
import { pino } from 'pino';
import { readConfig } from './config/config.js';
import { startMoonstone } from './moonstone.js';
import { pingOptionsFromEnv, startPingServer, type RunningPingServer } from './ping/ping-server.js';

// LOG_LEVEL as in every Glaceon service (default info; one line per game allocated and over).
const level = process.env.LOG_LEVEL || 'info';
if (!(level in pino.levels.values) && level !== 'silent') {
  process.stderr.write(`moonstone: LOG_LEVEL must be one of ${[...Object.keys(pino.levels.values), 'silent'].join(', ')}, got ${JSON.stringify(level)}\n`);
  process.exit(2);
}
const log = pino({ name: 'moonstone', level, base: { pid: process.pid } });

let config;
let pingOptions;
try {
  const loaded = readConfig();
  config = loaded.config;
  // Optional: this region's ping endpoint in the same process (PING_PORT set).
  pingOptions = pingOptionsFromEnv(process.env, false);
  for (const warning of loaded.warnings) log.warn(`\n\n!!! ${warning}\n`);
} catch (error) {
  process.stderr.write(`moonstone: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

const server = await startMoonstone(config, log.child({ serverId: config.serverId }));
const ping: RunningPingServer | undefined = pingOptions ? await startPingServer({ ...pingOptions, region: config.region, log }) : undefined;
log.info(
  {
    serverId: server.serverId,
    port: server.port,
    controlPort: server.controlPort,
    address: server.address,
    controlUrl: server.controlUrl,
    capacity: config.capacity,
    ...(ping ? { pingPort: ping.port } : {}),
  },
  'moonstone ready',
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second signal: stop now
    stopping = true;
    void ping?.close();
    server.drain().then(
      () => {
        log.info('moonstone stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'drain failed');
        process.exit(1);
      },
    );
  });
}
