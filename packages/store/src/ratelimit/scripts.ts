/** The rate limiter's script, declared once (conventions: docs/redis.md). */
import { bindScripts, loadLua } from '../lua.js';

export const rateLimitScripts = bindScripts({
  hit: loadLua('ratelimit/hit', 1),
  pace: loadLua('ratelimit/pace', 1),
  takeToken: loadLua('ratelimit/take-token', 1),
});
