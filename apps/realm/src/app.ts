/**
 * buildApp: the Realm Fastify instance, not listening. Plugin order:
 * helmet, CORS allow-list, rate limit (Redis store shared by instances),
 * websocket, swagger; then our decorators (redis, config, metrics, auth,
 * event hub); then routes/<area>. server.ts alone reads the environment and
 * listens.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import { createOriginMatcher } from './http/cors-origins.js';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import { GlaceonError } from '@glaceon/protocol';
import { closeRedis, createRedis, type RedisClient } from '@glaceon/store';
import type { Redis } from 'ioredis';
import { defaultConfig, type RealmConfig } from './config.js';
import { errorHandler } from './plugins/errors.js';
import { authPlugin } from './plugins/auth.js';
import { metricsPlugin } from './plugins/metrics.js';
import { EventHub } from './events/hub.js';
import { selectProtocol } from './events/socket-auth.js';
import './types.js';
import opsRoutes from './routes/ops/index.js';
import accountRoutes from './routes/accounts/index.js';
import sessionRoutes from './routes/sessions/index.js';
import friendRoutes from './routes/friends/index.js';
import lobbyRoutes from './routes/lobbies/index.js';
import inviteRoutes from './routes/invites/index.js';
import eventRoutes from './routes/events/index.js';

export interface BuildAppOptions {
  config?: Partial<RealmConfig>;
  /** Use this client instead of connecting to config.redisUrl (the app then does not close it). */
  redis?: RedisClient;
  /** pino options; false silences logs (tests). */
  logger?: boolean | Record<string, unknown>;
}

/** Never log a credential: bearer headers, session and invite tokens, passwords. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers["sec-websocket-protocol"]',
  'req.headers.cookie',
  '*.password',
  '*.token',
];

export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const config = defaultConfig(options.config);
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' }, ...(typeof options.logger === 'object' ? options.logger : {}) },
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs * 2,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // No 'content-type' other than JSON bodies; query strings are not used.
    routerOptions: { maxParamLength: 100 },
  });
  // TypeBox validates: extra properties are rejected (ajv's default would strip them silently), no coercion of bodies.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.setErrorHandler(errorHandler);

  const ownsRedis = !options.redis;
  const redis = options.redis ?? createRedis(config.redisUrl);
  if (ownsRedis) redis.on('error', (error: Error) => app.log.warn({ err: error }, 'redis error'));
  app.decorate('config', config);
  app.decorate('redis', redis as never);

  await app.register(helmet, { contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const originAllowed = createOriginMatcher(config.corsOrigins);
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin === undefined || originAllowed(origin)),
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    global: false,
    redis: redis as Redis,
    nameSpace: 'realm:rl:',
    skipOnError: false,
    errorResponseBuilder: (_request, context) => {
      const e = new GlaceonError('RATE_LIMITED', `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s.`) as GlaceonError & { statusCode: number };
      e.statusCode = 429;
      return e;
    },
  });
  await app.register(websocket, { options: { maxPayload: 16 * 1024, handleProtocols: selectProtocol } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Glaceon Realm', version: '1.0.0', description: 'Accounts, sessions, friends, presence, lobbies and invites. Event socket: GET /v1/events (WebSocket).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });

  metricsPlugin(app);
  authPlugin(app);
  const hub = new EventHub(redis, config, app.log, app.metrics);
  app.decorate('hub', hub);

  app.setNotFoundHandler(
    { preHandler: app.rateLimit({ max: config.rateLimits.notFound.max, timeWindow: config.rateLimits.notFound.windowMs }) },
    (_request, reply) => {
      void reply.status(404).send(new GlaceonError('NOT_FOUND', 'No such route.').toBody());
    },
  );

  await app.register(opsRoutes);
  await app.register(accountRoutes);
  await app.register(sessionRoutes);
  await app.register(friendRoutes);
  await app.register(lobbyRoutes);
  await app.register(inviteRoutes);
  await app.register(eventRoutes);

  app.addHook('onReady', async () => hub.start());
  app.addHook('preClose', async () => hub.close());
  app.addHook('onClose', async () => {
    if (ownsRedis) await closeRedis(redis);
  });
  return app;
}
