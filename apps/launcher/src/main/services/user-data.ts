import { join } from 'node:path';
import { createBridgeService, type ShellHooks } from './bridge-service.js';
import { createDeepLinkQueue } from './deep-link-queue.js';
import { createOnyxLauncher } from './onyx-launcher.js';
import { createSessionStore, type SessionCipher } from './session-store.js';
import { createSettingsStore } from './settings-store.js';

/** The files the launcher keeps in its user-data folder, named once. */
export function userDataPaths(userDataDir: string) {
  return {
    settings: join(userDataDir, 'settings.json'),
    session: join(userDataDir, 'session.json'),
    logs: join(userDataDir, 'logs'),
  };
}

/** Assembles every OS service over one user-data folder; Electron and the dev bridge both call this. */
export function createLauncherServices(opts: { userDataDir: string; cipher: SessionCipher | null; shell: ShellHooks; warn: (m: string) => void }) {
  const paths = userDataPaths(opts.userDataDir);
  const settings = createSettingsStore(paths.settings);
  const session = createSessionStore({ filePath: paths.session, cipher: opts.cipher, warn: opts.warn });
  const onyx = createOnyxLauncher({ logDir: paths.logs });
  const deepLinks = createDeepLinkQueue();
  const bridge = createBridgeService({ settings, session, onyx, deepLinks, shell: opts.shell });
  return { paths, settings, session, onyx, deepLinks, bridge };
}
export type LauncherServices = ReturnType<typeof createLauncherServices>;
