import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/index.js';
import { createSessionStore, type SessionCipher } from './session-store.js';
import { createSettingsStore } from './settings-store.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glaceon-stores-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings store', () => {
  it('starts from defaults, persists a valid patch, and reloads it from disk', async () => {
    const file = join(dir, 'a', 'settings.json');
    const store = createSettingsStore(file);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    const result = await store.update({ onyxPath: '/opt/onyx/onyx', ticketMode: 'stdin' });
    expect(result).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, onyxPath: '/opt/onyx/onyx', ticketMode: 'stdin' } });
    expect(await createSettingsStore(file).get()).toMatchObject({ onyxPath: '/opt/onyx/onyx', ticketMode: 'stdin' });
    // The chosen region (#14): kept across restarts; '' is Automatic again.
    expect(await store.update({ region: 'eu-west' })).toMatchObject({ ok: true, value: { region: 'eu-west' } });
    expect((await createSettingsStore(file).get()).region).toBe('eu-west');
    expect(await store.update({ region: '' })).toMatchObject({ ok: true, value: { region: '' } });
  });

  it('refuses unknown keys, wrong types, bad URLs and relative paths, and changes nothing', async () => {
    const file = join(dir, 'b', 'settings.json');
    const store = createSettingsStore(file);
    for (const bad of [
      { evil: 1 },
      { ticketMode: 'env' },
      { backendUrl: 'javascript:alert(1)' },
      { onyxPath: 'bin/onyx' },
      { region: 'EU West' },
      { region: '-x' },
      { region: 'r'.repeat(33) },
      null,
      'x',
    ]) {
      expect(await store.update(bad)).toMatchObject({ ok: false, error: { code: 'INVALID_SETTINGS' } });
    }
    await expect(stat(file)).rejects.toThrow();
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back to defaults on a corrupt file and keeps valid keys of an older file', async () => {
    const corrupt = join(dir, 'c.json');
    await writeFile(corrupt, '{not json');
    expect(await createSettingsStore(corrupt).get()).toEqual(DEFAULT_SETTINGS);
    const old = join(dir, 'd.json');
    await writeFile(old, JSON.stringify({ backendUrl: 'https://realm.example.com' }));
    expect(await createSettingsStore(old).get()).toEqual({ ...DEFAULT_SETTINGS, backendUrl: 'https://realm.example.com' });
  });
});

const session = { token: 'tok_abcdefghijklmnopqrstuvwxyz0123', playerId: 'p_alice', displayName: 'alice', backendUrl: 'http://127.0.0.1:8080' };

/** A reversible stand-in for safeStorage that makes the plaintext unreadable on disk. */
const xorCipher: SessionCipher = {
  isAvailable: () => true,
  encrypt: (plain) => Uint8Array.from(Buffer.from(plain, 'utf8'), (b) => b ^ 0x5a),
  decrypt: (data) => Buffer.from(Uint8Array.from(data, (b) => b ^ 0x5a)).toString('utf8'),
};

describe('session store', () => {
  it('encrypts with the injected cipher: the token never appears on disk', async () => {
    const file = join(dir, 'enc', 'session.json');
    const store = createSessionStore({ filePath: file, cipher: xorCipher, warn: () => undefined });
    expect(await store.save(session)).toEqual({ protection: 'os-encrypted' });
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain(session.token);
    expect(Buffer.from(JSON.parse(raw).data, 'base64').toString('utf8')).not.toContain(session.token);
    expect(await store.load()).toEqual(session);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('falls back to plaintext with one warning when no cipher is available', async () => {
    const warnings: string[] = [];
    const store = createSessionStore({ filePath: join(dir, 'plain.json'), cipher: null, warn: (m) => warnings.push(m) });
    expect(store.protection()).toBe('plaintext');
    expect(await store.save(session)).toEqual({ protection: 'plaintext' });
    await store.save(session);
    expect(warnings).toHaveLength(1);
    expect(await store.load()).toEqual(session);
  });

  it('treats an encrypted file without a cipher, or a tampered file, as signed out', async () => {
    const file = join(dir, 'locked.json');
    await createSessionStore({ filePath: file, cipher: xorCipher, warn: () => undefined }).save(session);
    expect(await createSessionStore({ filePath: file, cipher: null, warn: () => undefined }).load()).toBeNull();
    await writeFile(file, JSON.stringify({ v: 1, protection: 'plaintext', data: Buffer.from('{"token":1}').toString('base64') }));
    expect(await createSessionStore({ filePath: file, cipher: null, warn: () => undefined }).load()).toBeNull();
  });
});
