/**
 * buildApp: the Realm Fastify instance, not listening; server.ts alone reads
 * the environment and listens. Plugins load in this order:
 * 1. config and redis: the third-party rate limiter keeps its counters in Redis;
 * 2. third-party plugins, one file each under plugins/external;
 * 3. our decorators (metrics, auth, event hub), each a named plugin that
 *    declares what it needs;
 * 4. routes/: the public routes, then the authenticated scope.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { GlaceonError } from '@glaceon/protocol';
import type { RedisClient } from '@glaceon/store';
import { defaultConfig, type RealmConfig } from './config.js';
import { errorHandler } from './plugins/errors.js';
import configPlugin from './plugins/config.js';
import redisPlugin from './plugins/redis.js';
import * as helmet from './plugins/external/helmet.js';
import * as cors from './plugins/external/cors.js';
import * as rateLimit from './plugins/external/rate-limit.js';
import * as websocket from './plugins/external/websocket.js';
import * as swagger from './plugins/external/swagger.js';
import metricsPlugin from './plugins/metrics.js';
import authPlugin from './plugins/auth.js';
import passwordsPlugin from './plugins/passwords.js';
import eventHubPlugin from './plugins/event-hub.js';
import routes from './routes/index.js';

export interface BuildAppOptions {
  config?: Partial<RealmConfig>;
  /** Use this client instead of connecting to config.redisUrl (the app then does not close it). */
  redis?: RedisClient;
  /** pino options; false silences logs (tests). */
  logger?: boolean | Record<string, unknown>;
}

/** Never log a credential (bearer headers, session and invite tokens, passwords), nor what players write to each other. */
export const REDACT = ['req.headers.authorization', 'req.headers["sec-websocket-protocol"]', 'req.headers.cookie', '*.password', '*.token', '*.text'];

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const config = defaultConfig(options.config);
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' }, ...(typeof options.logger === 'object' ? options.logger : {}) },
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs * 2,
    // Slow-header (slowloris) connections are cut after headersTimeout; Node
    // checks every connectionsCheckingInterval, so keep it well below.
    http: {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: Math.max(config.requestTimeoutMs, config.headersTimeoutMs),
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
    },
    // A hop count becomes proxy-addr's "trust the first n hops" function (Fastify's types take no number).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    return503OnClosing: true,
    // No 'content-type' other than JSON bodies; query strings are not used.
    routerOptions: { maxParamLength: 100 },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // TypeBox validates: extra properties are rejected (ajv's default would strip them silently), no coercion of bodies.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  // Set before any plugin, so every route and hook (the CORS preflight included) answers errors this way.
  app.setErrorHandler(errorHandler);

  await app.register(configPlugin, { config });
  await app.register(redisPlugin, { client: options.redis });

  await app.register(helmet.default, helmet.autoConfig);
  await app.register(cors.default, cors.autoConfig(app));
  await app.register(rateLimit.default, rateLimit.autoConfig(app));
  await app.register(websocket.default, websocket.autoConfig);
  await app.register(swagger.default, swagger.autoConfig);

  await app.register(metricsPlugin);
  await app.register(authPlugin);
  await app.register(passwordsPlugin);
  await app.register(eventHubPlugin);

  // Unknown URLs are rate-limited: people probe them.
  const notFound = config.rateLimits.notFound;
  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: notFound.max, timeWindow: notFound.windowMs }) }, (_request, reply) => {
    void reply.status(404).send(new GlaceonError('NOT_FOUND', 'No such route.').toBody());
  });

  await app.register(routes);
  return app;
}
