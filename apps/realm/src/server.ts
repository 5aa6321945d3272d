/** Realm entry point: read the environment, build the app, listen, shut down cleanly on SIGTERM/SIGINT. */
import { buildApp } from './app.js';
import { configFromEnv } from './config.js';

const config = configFromEnv();
const port = Number(process.env.PORT ?? 7300);
const host = process.env.HOST ?? '127.0.0.1';
const app = await buildApp({ config });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}

try {
  await app.listen({ port, host });
} catch (error) {
  app.log.error({ err: error }, 'could not listen');
  process.exit(1);
}
