/**
 * `npm run verify:electron -w @glaceon/launcher`: checks everything about the Electron
 * path that can be checked without the Electron binary (which cannot be downloaded here),
 * and says plainly what it could not check. Exit code 1 when a check fails.
 *
 * Checked: electron-builder.yml (scheme, asar, fuses, Linux dependencies kept, icons),
 * the packaged file list (the `files` globs applied to the built tree: main, preload,
 * renderer in; tests, maps and sources out), the preload's API surface (the built
 * preload run against a stand-in `electron` module: exactly the GlaceonBridge methods,
 * each on its own IPC channel), and the BrowserWindow's security preferences in the
 * built main.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { parse } from 'yaml';
import { EventChannel, InvokeChannel } from '../src/common/ipc-channels.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const results: { check: string; ok: boolean; detail?: string }[] = [];
const check = (name: string, ok: boolean, detail?: string) => results.push({ check: name, ok, detail });

if (!process.argv.includes('--no-build')) {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('npm', ['run', 'build:electron'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

// 1. electron-builder configuration.
type BuilderConfig = {
  appId?: string;
  asar?: boolean;
  files?: string[];
  protocols?: { schemes?: string[] }[];
  electronFuses?: Record<string, boolean>;
  linux?: { icon?: string; mimeTypes?: string[] };
  deb?: { depends?: string[] };
};
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
check('appId set', typeof config.appId === 'string' && config.appId.length > 0, config.appId);
check('asar on', config.asar === true);
check(
  'glaceon:// registered',
  !!config.protocols?.some((p) => p.schemes?.includes('glaceon')) && !!config.linux?.mimeTypes?.includes('x-scheme-handler/glaceon'),
);
const fuses = config.electronFuses ?? {};
const wantFuses: Record<string, boolean> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
};
for (const [fuse, value] of Object.entries(wantFuses)) check(`fuse ${fuse} = ${value}`, fuses[fuse] === value, `configured: ${String(fuses[fuse])}`);
// electron-builder's own default for deb (app-builder-lib, DebOptions.depends): setting `depends` replaces it.
const DEB_DEFAULTS = ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'];
const depends = config.deb?.depends;
check(
  'deb keeps electron-builder default dependencies',
  depends === undefined || DEB_DEFAULTS.every((d) => depends.includes(d)),
  depends === undefined ? 'default list (not overridden)' : `missing: ${DEB_DEFAULTS.filter((d) => !depends.includes(d)).join(', ') || 'none'}`,
);
const iconDir = join(root, config.linux?.icon ?? 'build/icons');
const sizes = existsSync(iconDir) ? readdirSync(iconDir).filter((f) => /^\d+x\d+\.png$/.test(f)) : [];
check(
  'Linux icons (16..512) from build/icon.svg',
  ['16x16.png', '32x32.png', '256x256.png', '512x512.png'].every((s) => sizes.includes(s)),
  sizes.join(' '),
);
check('build/icon.png (512 px: Windows .ico, macOS .icns)', existsSync(join(root, 'build/icon.png')) && statSync(join(root, 'build/icon.png')).size > 1000);

// 2. The packaged file list: electron-builder's `files` globs over the built tree.
function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else out += /[.+?^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${out}$`);
}
function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [relative(root, full).split(sep).join('/')];
  });
}
const include = (config.files ?? []).filter((f) => !f.startsWith('!')).map(globToRegExp);
const exclude = (config.files ?? []).filter((f) => f.startsWith('!')).map((f) => globToRegExp(f.slice(1)));
const candidates = ['package.json', ...walk(join(root, 'dist')), ...walk(join(root, 'dist-renderer'))];
const packaged = candidates.filter((f) => include.some((r) => r.test(f)) && !exclude.some((r) => r.test(f)));
for (const must of [
  'package.json',
  'dist/main/main.js',
  'dist/main/window.js',
  'dist/preload/preload.cjs',
  'dist-renderer/index.html',
  'dist-renderer/icon.png',
]) {
  check(`packaged: ${must}`, packaged.includes(must));
}
check(
  'packaged: no tests, source maps or sources',
  !packaged.some((f) => /\.test\.|\.map$|\.tsx?$/.test(f)),
  packaged.filter((f) => /\.test\.|\.map$|\.tsx?$/.test(f)).join(', '),
);
check(
  'packaged: renderer JavaScript present',
  packaged.some((f) => /^dist-renderer\/assets\/.*\.js$/.test(f)),
);

// 3. The preload's API surface, from the built bundle run against a stand-in `electron`.
const exposed: Record<string, Record<string, unknown>> = {};
const invoked: string[] = [];
const subscribed: string[] = [];
const electronStub = {
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void (exposed[key] = api) },
  ipcRenderer: {
    invoke: (channel: string) => {
      invoked.push(channel);
      return Promise.resolve(undefined);
    },
    on: (channel: string) => void subscribed.push(channel),
    removeListener: () => undefined,
  },
};
const preloadSource = readFileSync(join(root, 'dist/preload/preload.cjs'), 'utf8');
const moduleShim = { exports: {} as unknown };
runInNewContext(preloadSource, {
  require: (id: string) => {
    if (id === 'electron') return electronStub;
    throw new Error(`the sandboxed preload may only require electron, not ${id}`);
  },
  module: moduleShim,
  exports: moduleShim.exports,
});
const api = exposed.glaceon ?? {};
check('preload exposes window.glaceon only', Object.keys(exposed).join(',') === 'glaceon', Object.keys(exposed).join(','));
const BRIDGE_METHODS = [
  'getSettings',
  'updateSettings',
  'chooseOnyxPath',
  'loadSession',
  'saveSession',
  'clearSession',
  'launchOnyx',
  'getOnyxState',
  'openOnyxLog',
  'onOnyxState',
  'takeDeepLinks',
  'onDeepLink',
  'alertMatchFound',
  'alertInvite',
  'openExternal',
];
const functions = Object.keys(api).filter((k) => typeof api[k] === 'function');
check(
  'preload API = GlaceonBridge methods',
  functions.length === BRIDGE_METHODS.length && BRIDGE_METHODS.every((m) => functions.includes(m)),
  `extra: ${functions.filter((f) => !BRIDGE_METHODS.includes(f)).join(', ') || 'none'}; missing: ${BRIDGE_METHODS.filter((m) => !functions.includes(m)).join(', ') || 'none'}`,
);
check('preload shell = electron', api.shell === 'electron');
check('no raw ipcRenderer exposed', !Object.values(api).some((v) => v === electronStub.ipcRenderer));
for (const name of functions) {
  const fn = api[name] as (arg?: unknown) => unknown;
  fn(name.startsWith('on') ? () => undefined : undefined);
}
const invokeChannels = Object.values(InvokeChannel) as string[];
check(
  'each invoke goes to its own known channel',
  invoked.length === invokeChannels.length && invokeChannels.every((c) => invoked.includes(c)),
  `called: ${invoked.length}, channels: ${invokeChannels.length}`,
);
check(
  'push subscriptions on the event channels only',
  subscribed.every((c) => (Object.values(EventChannel) as string[]).includes(c)) && subscribed.length === 2,
);

// 4. The window's security preferences, in the built main.
const windowJs = readFileSync(join(root, 'dist/main/window.js'), 'utf8');
for (const pref of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true'])
  check(`BrowserWindow ${pref}`, windowJs.includes(pref));
for (const guard of [
  'setPermissionRequestHandler',
  'setPermissionCheckHandler',
  "'will-navigate'",
  "'will-redirect'",
  'setWindowOpenHandler',
  "'will-attach-webview'",
]) {
  check(`window guard ${guard}`, windowJs.includes(guard));
}
const mainJs = readFileSync(join(root, 'dist/main/main.js'), 'utf8');
check(
  'single-instance lock and second-instance deep links',
  mainJs.includes('requestSingleInstanceLock') && mainJs.includes("'second-instance'") && mainJs.includes("'open-url'"),
);
check('CSP header built from settings', readFileSync(join(root, 'dist/main/app-protocol.js'), 'utf8').includes('content-security-policy'));

const notChecked = [
  'starting Electron (no binary: ELECTRON_SKIP_BINARY_DOWNLOAD=1, GitHub unreachable): windows, IPC sender checks, permission handler and CSP at run time',
  'the fuses flipped in a real binary (electron-builder flips them while packaging; `npx @electron/fuses read --app <binary>` after `npm run dist`)',
  'installers (AppImage, deb, NSIS, dmg), code signing and notarisation: `npm run dist` needs the Electron download',
  'auto-update against a live feed (the decision logic is unit-tested in update-policy.test.ts)',
  'the e2e specs under Electron (fixtures/index.ts openElectron; deep links through a second instance)',
];
const failed = results.filter((r) => !r.ok);
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.check}${r.detail && !r.ok ? `  (${r.detail})` : ''}`);
console.log(`\nnot checked here (needs the Electron binary):\n${notChecked.map((n) => `  - ${n}`).join('\n')}`);
console.log(`\nverify:electron: ${results.length - failed.length}/${results.length} checks passed`);
process.exitCode = failed.length === 0 ? 0 : 1;
