import { DEFAULT_SETTINGS, settingsPatchDecoder, type GlaceonBridge, type OnyxState, type Settings, type StoredSession } from '../../common/index.js';

/**
 * A bridge with no OS behind it: settings and session in memory, Onyx
 * launches recorded, not run. Used by the preview mode (screenshots without a
 * backend) and by component tests.
 */
export interface MemoryBridge extends GlaceonBridge {
  launches: { moonstone: string; gameId: string; ticket: string }[];
  alerts: { title: string; body: string }[];
  emitOnyx(state: OnyxState): void;
  emitDeepLink(url: string): void;
}

export function createMemoryBridge(init: { settings?: Partial<Settings>; session?: StoredSession | null } = {}): MemoryBridge {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...init.settings };
  let session: StoredSession | null = init.session ?? null;
  let onyx: OnyxState = { status: 'idle' };
  const onyxListeners = new Set<(s: OnyxState) => void>();
  const linkListeners = new Set<(u: string) => void>();
  const bridge: MemoryBridge = {
    shell: 'preview',
    launches: [],
    alerts: [],
    getSettings: async () => settings,
    async updateSettings(patch) {
      if (patch.backendUrl !== undefined && !/^https?:\/\/\S+$/.test(patch.backendUrl)) {
        return { ok: false, error: { code: 'INVALID_SETTINGS', message: 'The server address must start with http:// or https://.' } };
      }
      // Same rule as the real bridge service: the game path never comes from the renderer.
      if (patch.onyxPath !== undefined && patch.onyxPath !== settings.onyxPath) {
        return { ok: false, error: { code: 'ONYX_PATH_LOCKED', message: 'The game path is chosen by the launcher, not by the page.' } };
      }
      // The same schema as the real settings store (e.g. a region id's pattern).
      const decoded = settingsPatchDecoder.decode(patch);
      if (!decoded.ok) return { ok: false, error: { code: 'INVALID_SETTINGS', message: decoded.error.message } };
      settings = { ...settings, ...patch };
      return { ok: true, value: settings };
    },
    chooseOnyxPath: async () => ({
      ok: false,
      error: { code: 'ONYX_PATH_FROM_CONFIG', message: 'The preview has no file dialog.' },
    }),
    loadSession: async () => ({ session, protection: 'os-encrypted' }),
    async saveSession(next) {
      session = next;
      return { ok: true, value: { protection: 'os-encrypted' } };
    },
    async clearSession() {
      session = null;
    },
    async launchOnyx(request) {
      if (!settings.onyxPath) return { ok: false, error: { code: 'PATH_UNSET', message: 'Set the path to the game (Onyx) in Settings first.' } };
      bridge.launches.push(request);
      return { ok: true, value: { runId: bridge.launches.length } };
    },
    getOnyxState: async () => onyx,
    openOnyxLog: async () => ({ ok: true, value: { path: '/home/player/.config/Glaceon/logs/onyx.log' } }),
    onOnyxState(listener) {
      onyxListeners.add(listener);
      return () => void onyxListeners.delete(listener);
    },
    takeDeepLinks: async () => [],
    onDeepLink(listener) {
      linkListeners.add(listener);
      return () => void linkListeners.delete(listener);
    },
    async alertMatchFound(alert) {
      bridge.alerts.push(alert);
    },
    async alertInvite(alert) {
      bridge.alerts.push(alert);
    },
    openExternal: async () => undefined,
    emitOnyx(state) {
      onyx = state;
      for (const l of onyxListeners) l(state);
    },
    emitDeepLink(url) {
      for (const l of linkListeners) l(url);
    },
  };
  return bridge;
}
