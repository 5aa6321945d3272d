/** Security headers. The API serves JSON only, so the CSP forbids everything. */
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';

export const autoConfig: FastifyHelmetOptions = { contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } };

export default helmet;
