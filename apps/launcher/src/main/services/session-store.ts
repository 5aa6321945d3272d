import { rm } from 'node:fs/promises';
import { storedSessionDecoder, type SessionProtection, type StoredSession } from '../../common/index.js';
import { readTextIfExists, writeFileAtomic } from './json-file.js';

/**
 * OS-level encryption, injected so this module never imports Electron: the
 * Electron glue passes `safeStorage` (Keychain, DPAPI, libsecret); tests pass
 * a fake or null.
 */
export interface SessionCipher {
  isAvailable(): boolean;
  encrypt(plain: string): Uint8Array;
  decrypt(data: Uint8Array): string;
}

interface SessionFile {
  v: 1;
  protection: SessionProtection;
  data: string; // base64 of ciphertext, or of the JSON itself when plaintext
}

export interface SessionStore {
  load(): Promise<StoredSession | null>;
  save(session: StoredSession): Promise<{ protection: SessionProtection }>;
  clear(): Promise<void>;
  protection(): SessionProtection;
}

export function createSessionStore(opts: { filePath: string; cipher: SessionCipher | null; warn: (message: string) => void }): SessionStore {
  const canEncrypt = () => opts.cipher?.isAvailable() === true;
  let warned = false;

  return {
    protection: () => (canEncrypt() ? 'os-encrypted' : 'plaintext'),
    async load() {
      const text = await readTextIfExists(opts.filePath);
      if (text === undefined) return null;
      try {
        const file = JSON.parse(text) as SessionFile;
        if (file.v !== 1 || typeof file.data !== 'string') return null;
        const bytes = Uint8Array.from(Buffer.from(file.data, 'base64'));
        let json: string;
        if (file.protection === 'os-encrypted') {
          // Encrypted by a keychain we cannot reach now (another user, OS reinstall): sign in again.
          if (!canEncrypt()) return null;
          json = opts.cipher!.decrypt(bytes);
        } else {
          json = Buffer.from(bytes).toString('utf8');
        }
        const decoded = storedSessionDecoder.decodeText(json);
        return decoded.ok ? decoded.value : null;
      } catch {
        return null;
      }
    },
    async save(session) {
      const json = JSON.stringify(session);
      let file: SessionFile;
      if (canEncrypt()) {
        file = { v: 1, protection: 'os-encrypted', data: Buffer.from(opts.cipher!.encrypt(json)).toString('base64') };
      } else {
        if (!warned) {
          opts.warn('No OS secure storage available: the session is stored unencrypted (file mode 0600).');
          warned = true;
        }
        file = { v: 1, protection: 'plaintext', data: Buffer.from(json, 'utf8').toString('base64') };
      }
      await writeFileAtomic(opts.filePath, JSON.stringify(file));
      return { protection: file.protection };
    },
    async clear() {
      await rm(opts.filePath, { force: true });
    },
  };
}
