import { DEFAULT_SETTINGS, isAbsolutePath, settingsDecoder, settingsPatchDecoder, type Settings } from '../../common/index.js';
import { readTextIfExists, writeFileAtomic } from './json-file.js';

export type SettingsError = { code: 'INVALID_SETTINGS'; message: string };

export interface SettingsStore {
  get(): Promise<Settings>;
  /** Validates the patch (unknown keys, wrong types, relative paths) and changes nothing when it is bad. */
  update(patch: unknown): Promise<{ ok: true; value: Settings } | { ok: false; error: SettingsError }>;
}

/**
 * Settings live in `<userData>/settings.json`. A missing or corrupt file
 * yields the defaults (a corrupt file is left in place until the next save
 * so the player can recover it by hand).
 */
export function createSettingsStore(filePath: string, defaults: Settings = DEFAULT_SETTINGS): SettingsStore {
  let cache: Settings | undefined;

  async function get(): Promise<Settings> {
    if (cache) return cache;
    const text = await readTextIfExists(filePath);
    if (text === undefined) return (cache = { ...defaults });
    const parsed = settingsDecoder.decodeText(text);
    // A file from an older version may lack newer keys: fill them from the defaults, then validate.
    if (!parsed.ok) {
      const merged = (() => {
        try {
          return settingsDecoder.decode({ ...defaults, ...(JSON.parse(text) as object) });
        } catch {
          return undefined;
        }
      })();
      return (cache = merged?.ok ? merged.value : { ...defaults });
    }
    return (cache = parsed.value);
  }

  return {
    get,
    async update(patch) {
      const decoded = settingsPatchDecoder.decode(patch);
      if (!decoded.ok) return { ok: false, error: { code: 'INVALID_SETTINGS', message: decoded.error.message } };
      const { onyxPath } = decoded.value;
      if (onyxPath !== undefined && onyxPath !== '' && !isAbsolutePath(onyxPath)) {
        return { ok: false, error: { code: 'INVALID_SETTINGS', message: 'The game path must be absolute.' } };
      }
      const next: Settings = { ...(await get()), ...decoded.value };
      await writeFileAtomic(filePath, `${JSON.stringify(next, null, 2)}\n`);
      cache = next;
      return { ok: true, value: next };
    },
  };
}
