/** `app.config`: the Realm configuration buildApp was given (server.ts reads it from the environment). */
import fp from 'fastify-plugin';
import type { RealmConfig } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: RealmConfig;
  }
}

export default fp<{ config: RealmConfig }>(
  async (app, options) => {
    app.decorate('config', options.config);
  },
  { name: 'realm-config' },
);
