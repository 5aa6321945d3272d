/**
 * Coral process entry: read the environment, build, listen, and shut down
 * cleanly on SIGTERM/SIGINT (hand the matchmaker lease over at once).
 */
import pino from 'pino';
import { QueueConfigError } from '@glaceon/protocol';
import { buildCoral } from './app.js';
import { readEnv } from './config/env.js';

const log = pino({ name: 'coral', level: process.env.LOG_LEVEL || 'info' });

async function main(): Promise<void> {
  const env = readEnv();
  const childLog = log.child({ coral: env.config.coralId });
  for (const warning of env.warnings) childLog.warn(`\n\n!!! ${warning}\n`);
  const coral = buildCoral({ config: env.config, log: childLog, matchmakerIn: env.matchmakerIn });
  const address = await coral.listen(env.port, env.host);
  const internal = coral.internalAddress();
  childLog.info(
    {
      port: address.port,
      host: address.address,
      internalPort: internal?.port,
      internalHost: internal?.address,
      modes: env.config.modes,
      maxPlayerSockets: env.config.maxPlayerSockets,
    },
    'coral listening',
  );
  // Machine-readable line for test harnesses and the benchmark.
  process.stdout.write(
    `CORAL_READY ${JSON.stringify({ port: address.port, internalPort: internal?.port, coralId: env.config.coralId, pid: process.pid, socketCap: env.config.maxPlayerSockets })}\n`,
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    childLog.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    coral.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // SIGHUP re-reads the queue file (GLACEON_QUEUES); a bad one is logged and the current queues stay.
  process.on('SIGHUP', () => void coral.reloadQueues().catch((error: unknown) => childLog.error({ err: error }, 'queue reload failed')));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // A refused queue file is the operator's to fix: say which field and rule, no stack trace.
  if (error instanceof QueueConfigError) {
    log.fatal(`coral refused the queue configuration: ${error.message}`);
    process.exit(1);
  }
  log.fatal({ err: error }, 'coral failed to start');
  process.exit(1);
});
