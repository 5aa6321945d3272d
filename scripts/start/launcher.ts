/**
 * The launcher for `npm start`: Electron when its binary is installed, else the
 * built renderer served to a browser by the dev bridge (same OS services, so
 * Onyx really starts). Each player profile keeps its user data in
 * .glaceon/launcher[-N] (git-ignored). Builds are reused while their sources are unchanged.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '@glaceon/devstack';
import { startDevBridge } from '@glaceon/launcher/devbridge';
import { hashSources, readStamp, writeStamp } from './build-stamp.js';

const ONYX_STANDIN = path.join(REPO_ROOT, 'e2e/bin/onyx');
const LAUNCHER = path.join(REPO_ROOT, 'apps/launcher');

/** What each build of the launcher is made from (the renderer bundles protocol and client too). */
const BUILDS = {
  renderer: {
    outDir: path.join(LAUNCHER, 'dist-renderer'),
    inputs: [
      'apps/launcher/src/renderer',
      'apps/launcher/src/common',
      'apps/launcher/index.html',
      'apps/launcher/vite.config.ts',
      'apps/launcher/package.json',
      'packages/protocol/src',
      'packages/client/src',
    ],
    script: 'build',
  },
  electron: {
    outDir: path.join(LAUNCHER, 'dist'),
    inputs: [
      'apps/launcher/src/main',
      'apps/launcher/src/preload',
      'apps/launcher/src/common',
      'apps/launcher/tsconfig.main.json',
      'apps/launcher/vite.preload.config.ts',
      'packages/protocol/src',
    ],
    script: 'build:electron',
  },
} as const;

const checked = new Set<keyof typeof BUILDS>();

/** Build unless the last build's stamp matches the sources (checked once per npm start). */
function buildIfChanged(kind: keyof typeof BUILDS, note: (line: string) => void): void {
  if (checked.has(kind)) return;
  checked.add(kind);
  const build = BUILDS[kind];
  const hash = hashSources(REPO_ROOT, build.inputs);
  if (existsSync(build.outDir) && readStamp(build.outDir, kind) === hash) {
    note(`the launcher's ${kind} build is up to date (sources unchanged): reusing it.`);
    return;
  }
  console.log(`Building the launcher (${kind})…`);
  execFileSync('npm', ['run', '--silent', build.script, '-w', '@glaceon/launcher'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  writeStamp(build.outDir, kind, hash);
}

function electronBinary(): string | undefined {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

export interface LauncherOptions {
  realmUrl: string;
  coralUrl: string;
  /** 1 for the first player; 2, 3… get their own profile (and port) for several people on one machine. */
  profile: number;
  note: (line: string) => void;
}

export async function startLauncher(opts: LauncherOptions): Promise<{ description: string; stop: () => Promise<void> }> {
  const userDataDir = path.join(REPO_ROOT, opts.profile === 1 ? '.glaceon/launcher' : `.glaceon/launcher-${opts.profile}`);
  mkdirSync(userDataDir, { recursive: true });
  buildIfChanged('renderer', opts.note);

  const electron = electronBinary();
  if (electron) {
    buildIfChanged('electron', opts.note);
    const child = spawn(electron, [path.join(LAUNCHER, 'dist/main/main.js')], {
      stdio: 'inherit',
      env: { ...process.env, GLACEON_USER_DATA: userDataDir, GLACEON_BACKEND_URL: opts.realmUrl, GLACEON_ONYX_PATH: ONYX_STANDIN },
    });
    return {
      description: `Electron window (pid ${child.pid}, profile ${path.relative(REPO_ROOT, userDataDir)})`,
      stop: async () => {
        if (child.exitCode !== null) return;
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      },
    };
  }

  if (opts.profile === 1) {
    opts.note(
      'no Electron binary is installed (it is downloaded from GitHub at install time), so the launcher runs in your browser with the same OS services behind it.',
    );
  }
  const basePort = Number(process.env.GLACEON_LAUNCHER_PORT ?? 5780);
  const bridge = await startDevBridge({
    userDataDir,
    staticDir: BUILDS.renderer.outDir,
    port: basePort + opts.profile - 1,
    log: () => {},
  });
  const current = await bridge.services.settings.get();
  // Point a fresh profile at this stack; keep a player's own Onyx path if they set one.
  await bridge.services.settings.update({
    backendUrl: opts.realmUrl,
    onyxPath: current.onyxPath || ONYX_STANDIN,
  });
  return {
    description: `open ${bridge.pairingUrl()} in a browser (profile ${path.relative(REPO_ROOT, userDataDir)}; the link pairs one browser once)`,
    stop: () => bridge.close(),
  };
}
