import { safeStorage } from 'electron';
import type { SessionCipher } from './services/index.js';

/**
 * Electron's safeStorage as the session cipher. On Linux without a keyring
 * Electron falls back to a hard-coded key ('basic_text'): that is not
 * protection, so we report it as unavailable and the store says "plaintext".
 */
export const safeStorageCipher: SessionCipher = {
  isAvailable: () => safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (data) => safeStorage.decryptString(Buffer.from(data)),
};
