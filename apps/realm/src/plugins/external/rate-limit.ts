/**
 * Per-address rate limits, counted in Redis so every instance shares them.
 * Off by default (`global: false`): a route opts in through
 * `config.rateLimit`. Refusals are the typed RATE_LIMITED error.
 */
import rateLimit, { type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { GlaceonError } from '@glaceon/protocol';

export function autoConfig(app: FastifyInstance): RateLimitPluginOptions {
  return {
    global: false,
    redis: app.redis,
    nameSpace: 'realm:rl:',
    skipOnError: false,
    errorResponseBuilder: (_request, context) => {
      const e = new GlaceonError('RATE_LIMITED', `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s.`) as GlaceonError & { statusCode: number };
      e.statusCode = 429;
      return e;
    },
  };
}

export default rateLimit;
