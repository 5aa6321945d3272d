/** `app.hub`: this instance's event sockets and their Redis subscription (events/hub.ts), started when the app is ready and closed before it stops. */
import fp from 'fastify-plugin';
import { EventHub } from '../events/hub.js';

declare module 'fastify' {
  interface FastifyInstance {
    hub: EventHub;
  }
}

export default fp(
  async (app) => {
    const hub = new EventHub(app.redis, app.config, app.log, app.metrics);
    app.decorate('hub', hub);
    app.addHook('onReady', async () => hub.start());
    app.addHook('preClose', async () => hub.close());
  },
  { name: 'realm-event-hub', dependencies: ['realm-config', 'realm-redis', 'realm-metrics'] },
);
