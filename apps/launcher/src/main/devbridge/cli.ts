import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { settingsPatchFromEnv } from '../services/env-settings.js';
import { startDevBridge } from './server.js';

/**
 * `npm run devbridge -w @glaceon/launcher`: serves the built renderer with a
 * Node-backed `window.glaceon` at one loopback address. Environment:
 *   GLACEON_DEVBRIDGE_PORT   (default 5780; 0 = any free port)
 *   GLACEON_USER_DATA        (default ~/.config/glaceon-dev)
 *   GLACEON_RENDERER_DIR     (default apps/launcher/dist-renderer)
 *   GLACEON_BACKEND_URL, GLACEON_ONYX_PATH, GLACEON_TICKET_MODE: written into settings at start when set
 *   GLACEON_CONNECT_SRC      extra origins for the CSP's connect-src (a Coral on another host than Realm)
 */
const env = process.env;
const userDataDir = env.GLACEON_USER_DATA ?? join(homedir(), '.config', 'glaceon-dev');
mkdirSync(userDataDir, { recursive: true });
const bridge = await startDevBridge({
  userDataDir,
  staticDir: env.GLACEON_RENDERER_DIR ?? fileURLToPath(new URL('../../../dist-renderer', import.meta.url)),
  port: Number(env.GLACEON_DEVBRIDGE_PORT ?? 5780),
  connectSrc: env.GLACEON_CONNECT_SRC,
});
const patch = settingsPatchFromEnv(env);
if (Object.keys(patch).length > 0) {
  const result = await bridge.services.settings.update(patch);
  if (!result.ok) console.error(`[dev-bridge] ignoring settings from the environment: ${result.error.message}`);
}
// The pairing code is single use and pairs one browser; it is not the bridge secret.
console.log(`[dev-bridge] Glaceon launcher (browser shell): open ${bridge.pairingUrl()}  user data: ${userDataDir}`);
const stop = () => void bridge.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
