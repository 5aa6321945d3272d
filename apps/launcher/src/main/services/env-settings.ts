import type { SettingsPatch } from '../../common/settings.js';

/**
 * Settings a developer, `npm start` or the e2e harness hands a launcher through
 * the environment (both shells read them at start; the player's Settings
 * screen changes them later). Unset variables change nothing.
 */
export function settingsPatchFromEnv(env: NodeJS.ProcessEnv): SettingsPatch {
  const patch: Record<string, string> = {};
  if (env.GLACEON_BACKEND_URL) patch.backendUrl = env.GLACEON_BACKEND_URL;
  if (env.GLACEON_ONYX_PATH) patch.onyxPath = env.GLACEON_ONYX_PATH;
  if (env.GLACEON_TICKET_MODE) patch.ticketMode = env.GLACEON_TICKET_MODE;
  return patch as SettingsPatch;
}
