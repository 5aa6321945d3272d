/** The accounts domain's scripts, declared once (conventions: docs/redis.md). */
import { bindScripts, loadLua } from '../lua.js';

export const accountScripts = bindScripts({
  releaseName: loadLua('accounts/release-name', 1),
  replacePasswordHash: loadLua('accounts/replace-password-hash', 1),
});
