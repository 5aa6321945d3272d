import type { SettingsPatch } from '../../common/index.js';
import { patchSlice } from './patch.js';
import type { SettingsSlice, SliceCreator } from './types.js';
import { t } from '../strings.js';

export const createSettingsSlice: SliceCreator<SettingsSlice> =
  ({ backend, bridge, now }) =>
  (set, get) => ({
    settings: { values: null, saving: false, error: null, savedAt: null, shell: bridge.shell },
    async loadSettings() {
      try {
        const values = await bridge.getSettings();
        backend.setBaseUrl(values.backendUrl);
        patchSlice(set, 'settings', { values, error: null });
      } catch {
        patchSlice(set, 'settings', { error: t.settings.readFailed });
      }
    },
    async saveSettings(patch: SettingsPatch) {
      patchSlice(set, 'settings', { saving: true, error: null, savedAt: null });
      const result = await bridge.updateSettings(patch);
      if (!result.ok) {
        patchSlice(set, 'settings', { saving: false, error: result.error.message });
        return false;
      }
      const previousUrl = get().settings.values?.backendUrl;
      backend.setBaseUrl(result.value.backendUrl);
      patchSlice(set, 'settings', { saving: false, values: result.value, savedAt: now() });
      // A session belongs to the server that issued it.
      if (previousUrl !== result.value.backendUrl && get().session.status === 'signed-in') await get().signOut();
      return true;
    },
    async chooseOnyxPath() {
      patchSlice(set, 'settings', { saving: true, error: null, savedAt: null });
      const result = await bridge.chooseOnyxPath();
      if (!result.ok) {
        // Closing the dialog is not an error worth a red banner.
        patchSlice(set, 'settings', { saving: false, error: result.error.code === 'CANCELLED' ? null : result.error.message });
        return false;
      }
      patchSlice(set, 'settings', { saving: false, values: result.value, savedAt: now() });
      return true;
    },
  });
