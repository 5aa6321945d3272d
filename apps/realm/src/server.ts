/** Realm entry point: read the environment, build the app, listen (public and internal), shut down cleanly on SIGTERM/SIGINT. */
import { buildApp } from './app.js';
import { configFromEnv } from './config.js';
import { buildInternalApp } from './internal.js';
import { reloadQueues } from './queues-reload.js';

let config;
try {
  config = configFromEnv();
} catch (error) {
  // A refused setting (e.g. TRUST_PROXY=true) stops Realm with the reason, not a stack trace.
  console.error(`realm: refusing to start: ${(error as Error).message}`);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 7300);
const host = process.env.HOST ?? '127.0.0.1';
const app = await buildApp({ config });
const internal = buildInternalApp(app);

// SIGHUP re-reads the queue file; a bad one is logged and the current queues stay.
process.on('SIGHUP', () => reloadQueues(app.config, app.log));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    void Promise.all([app.close(), internal.close()]).then(() => process.exit(0));
  });
}

try {
  await app.listen({ port, host });
  const address = await internal.listen({ port: config.internalPort, host: config.internalHost });
  app.log.info({ address }, 'internal listener (metrics) ready');
} catch (error) {
  app.log.error({ err: error }, 'could not listen');
  process.exit(1);
}
