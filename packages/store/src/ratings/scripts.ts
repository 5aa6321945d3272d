/** The ratings domain's script, declared once (conventions: docs/redis.md). */
import { bindScripts, loadLua } from '../lua.js';

export const ratingScripts = bindScripts({
  applyGame: loadLua('ratings/apply-game', 3),
});
