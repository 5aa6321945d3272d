/** The accounts domain's script, declared once (conventions: docs/redis.md). */
import { bindScripts, loadLua } from '../lua.js';

export const accountScripts = bindScripts({
  releaseName: loadLua('accounts/release-name', 1),
});
