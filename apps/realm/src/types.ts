import type { RedisClient, SessionInfo } from '@glaceon/store';
import type { RealmConfig } from './config.js';
import type { EventHub } from './events/hub.js';
import type { RealmMetrics } from './plugins/metrics.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: RealmConfig;
    redis: RedisClient;
    hub: EventHub;
    metrics: RealmMetrics;
  }
  interface FastifyRequest {
    /** Set by the `authenticate` preHandler; routes that use it may read `request.auth!`. */
    auth: SessionInfo | null;
  }
}
