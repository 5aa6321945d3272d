/**
 * A region's ping endpoint on its own: `npm run ping -w @glaceon/moonstone` with PING_PORT
 * (and PING_HOST, REGION, PING_*: docs/queues.md "Ping endpoints"). SIGTERM/SIGINT: close, exit 0.
 */
import { pino } from 'pino';
import { pingOptionsFromEnv, startPingServer } from './ping-server.js';

const log = pino({ name: 'moonstone-ping', base: { pid: process.pid } });

let options;
try {
  options = pingOptionsFromEnv(process.env, true)!;
} catch (error) {
  process.stderr.write(`moonstone-ping: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

const server = await startPingServer({ ...options, log });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
