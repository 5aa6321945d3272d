/** CORS for the launcher's renderer: only the configured origins (http/cors-origins.ts), only the methods and headers the API uses. */
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { createOriginMatcher } from '../../http/cors-origins.js';

export function autoConfig(app: FastifyInstance): FastifyCorsOptions {
  const originAllowed = createOriginMatcher(app.config.corsOrigins);
  return {
    origin: (origin, cb) => cb(null, origin === undefined || originAllowed(origin)),
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  };
}

export default cors;
