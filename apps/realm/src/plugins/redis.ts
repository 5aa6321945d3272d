/** `app.redis`: the Redis client every store call goes through. */
import fp from 'fastify-plugin';
import { closeRedis, createRedis, type RedisClient } from '@glaceon/store';

declare module 'fastify' {
  interface FastifyInstance {
    redis: RedisClient;
  }
}

export interface RedisPluginOptions {
  /** Use this client instead of connecting to `config.redisUrl`; its owner closes it, not the app. */
  client?: RedisClient | undefined;
}

export default fp<RedisPluginOptions>(
  async (app, options) => {
    const owned = !options.client;
    const redis = options.client ?? createRedis(app.config.redisUrl);
    if (owned) redis.on('error', (error: Error) => app.log.warn({ err: error }, 'redis error'));
    app.decorate<RedisClient>('redis', redis);
    app.addHook('onClose', async () => {
      if (owned) await closeRedis(redis);
    });
  },
  { name: 'realm-redis', dependencies: ['realm-config'] },
);
