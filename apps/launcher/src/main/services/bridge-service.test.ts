import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvokeChannel, type MatchFoundAlert } from '../../common/index.js';
import { createDeepLinkQueue } from './deep-link-queue.js';
import { createLauncherServices, type LauncherServices } from './user-data.js';

let dir: string;
let services: LauncherServices;
const calls: { alerts: MatchFoundAlert[]; external: string[] } = { alerts: [], external: [] };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glaceon-bridge-'));
  services = createLauncherServices({
    userDataDir: dir,
    cipher: null,
    warn: () => undefined,
    shell: {
      alertMatchFound: (a) => calls.alerts.push(a),
      alertInvite: (a) => calls.alerts.push({ ...a, title: `invite: ${a.title}` }),
      openExternal: (u) => calls.external.push(u),
      openPath: () => undefined,
    },
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bridge service (shared by ipcMain and the dev bridge)', () => {
  it('refuses unknown calls and malformed inputs without touching anything', async () => {
    expect(await services.bridge.invoke('glaceon:fs.readFile', '/etc/passwd')).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await services.bridge.invoke(InvokeChannel.saveSession, { token: 'x' })).toMatchObject({ ok: false });
    expect(await services.bridge.invoke(InvokeChannel.loadSession, undefined)).toEqual({ session: null, protection: 'plaintext' });
    const launch = await services.bridge.invoke(InvokeChannel.launchOnyx, { moonstone: '127.0.0.1:1', gameId: 'g_1', ticket: 'a b; rm -rf /' });
    expect(launch).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(services.onyx.state()).toEqual({ status: 'idle' });
  });

  it('launches with the configured path and reports a missing path as a typed error', async () => {
    const result = await services.bridge.invoke(InvokeChannel.launchOnyx, {
      moonstone: '127.0.0.1:7000',
      gameId: 'g_1',
      ticket: 'abcdefghijklmnop.qrstuvwxyz',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'PATH_UNSET' } });
  });

  it('passes only http(s) links to the OS browser and bounded alerts to the shell', async () => {
    await services.bridge.invoke(InvokeChannel.openExternal, 'file:///etc/passwd');
    await services.bridge.invoke(InvokeChannel.openExternal, 'https://glaceon.example/help');
    expect(calls.external).toEqual(['https://glaceon.example/help']);
    await services.bridge.invoke(InvokeChannel.alertMatchFound, { title: 'Match found', body: 'x'.repeat(500) });
    await services.bridge.invoke(InvokeChannel.alertMatchFound, { title: 'Match found', body: 'Accept within 20 s' });
    expect(calls.alerts).toEqual([{ title: 'Match found', body: 'Accept within 20 s' }]);
    await services.bridge.invoke(InvokeChannel.alertInvite, { title: 'frost invited you', body: 'Duel' });
    await services.bridge.invoke(InvokeChannel.alertInvite, 'frost invited you');
    expect(calls.alerts.at(-1)).toEqual({ title: 'invite: frost invited you', body: 'Duel' });
    expect(calls.alerts).toHaveLength(2);
  });
});

describe('deep-link queue', () => {
  it('holds valid links until the renderer listens, then forwards directly; junk is dropped', () => {
    const q = createDeepLinkQueue(2);
    expect(q.push('glaceon://join/AAAAAAAAAAAAAAAAAAAAAA')).toBe(true);
    expect(q.push('glaceon://rm/AAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
    expect(q.push('GLACEON://join/BBBBBBBBBBBBBBBBBBBBBB/')).toBe(true);
    expect(q.push('glaceon://join/CCCCCCCCCCCCCCCCCCCCCC')).toBe(true);
    expect(q.take()).toEqual(['glaceon://join/BBBBBBBBBBBBBBBBBBBBBB', 'glaceon://join/CCCCCCCCCCCCCCCCCCCCCC']);
    expect(q.take()).toEqual([]);
    const got: string[] = [];
    const off = q.attach((u) => {
      got.push(u);
    });
    q.push('glaceon://join/DDDDDDDDDDDDDDDDDDDDDD');
    off();
    q.push('glaceon://join/EEEEEEEEEEEEEEEEEEEEEE');
    expect(got).toEqual(['glaceon://join/DDDDDDDDDDDDDDDDDDDDDD']);
    expect(q.take()).toEqual(['glaceon://join/EEEEEEEEEEEEEEEEEEEEEE']);
  });

  it('never takes the game path from renderer input: a patch changing onyxPath is refused, other keys still save', async () => {
    const before = await services.settings.get();
    const refused = await services.bridge.invoke(InvokeChannel.updateSettings, { onyxPath: '/bin/sh', ticketMode: 'stdin' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ONYX_PATH_LOCKED' } });
    expect(await services.settings.get()).toEqual(before);
    const same = await services.bridge.invoke(InvokeChannel.updateSettings, { onyxPath: before.onyxPath, ticketMode: 'stdin' });
    expect(same).toMatchObject({ ok: true, value: { ticketMode: 'stdin', onyxPath: before.onyxPath } });
    await services.bridge.invoke(InvokeChannel.updateSettings, { ticketMode: 'args' });
  });

  it('answers chooseOnyxPath with a typed "set it in the environment or settings file" where there is no dialog', async () => {
    const result = await services.bridge.invoke(InvokeChannel.chooseOnyxPath, '/bin/sh');
    expect(result).toMatchObject({ ok: false, error: { code: 'ONYX_PATH_FROM_CONFIG', message: expect.stringContaining('GLACEON_ONYX_PATH') } });
    expect((await services.settings.get()).onyxPath).toBe('');
  });

  it('takes the game path from the main process dialog only, ignoring any renderer input', async () => {
    const dialogDir = await mkdtemp(join(tmpdir(), 'glaceon-dialog-'));
    const answers: (string | null)[] = ['/opt/onyx/onyx', null];
    const withDialog = createLauncherServices({
      userDataDir: dialogDir,
      cipher: null,
      warn: () => undefined,
      shell: {
        alertMatchFound: () => undefined,
        alertInvite: () => undefined,
        openExternal: () => undefined,
        openPath: () => undefined,
        chooseExecutable: async () => answers.shift() ?? null,
      },
    });
    expect(await withDialog.bridge.invoke(InvokeChannel.chooseOnyxPath, '/bin/sh')).toMatchObject({ ok: true, value: { onyxPath: '/opt/onyx/onyx' } });
    expect(await withDialog.bridge.invoke(InvokeChannel.chooseOnyxPath, undefined)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await withDialog.settings.get()).onyxPath).toBe('/opt/onyx/onyx');
    await rm(dialogDir, { recursive: true, force: true });
  });
});
