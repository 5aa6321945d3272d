/** The presence domain's scripts, declared once (conventions: docs/redis.md). */
import { bindScripts, loadLua } from '../lua.js';

export const presenceScripts = bindScripts({
  setStatus: loadLua('presence/set-status', 1),
  settleDeadline: loadLua('presence/settle-deadline', 1),
});
