/**
 * The launcher for `npm start`: Electron when its binary is installed, else the
 * built renderer served to a browser by the dev bridge (same OS services, so
 * Onyx really starts). User data lives in .glaceon/launcher (git-ignored).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '@glaceon/devstack';
import { startDevBridge } from '@glaceon/launcher/devbridge';

const ONYX_STANDIN = path.join(REPO_ROOT, 'e2e/bin/onyx');

function electronBinary(): string | undefined {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

export async function startLauncher(opts: { realmUrl: string; coralUrl: string; note: (line: string) => void }): Promise<{ description: string; stop: () => Promise<void> }> {
  const userDataDir = path.join(REPO_ROOT, '.glaceon/launcher');
  mkdirSync(userDataDir, { recursive: true });
  console.log('Building the launcher renderer…');
  execFileSync('npm', ['run', '--silent', 'build', '-w', '@glaceon/launcher'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

  const electron = electronBinary();
  if (electron) {
    execFileSync('npm', ['run', '--silent', 'build:electron', '-w', '@glaceon/launcher'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const child = spawn(electron, [path.join(REPO_ROOT, 'apps/launcher/dist/main/main.js')], {
      stdio: 'inherit',
      env: { ...process.env, GLACEON_USER_DATA: userDataDir, GLACEON_BACKEND_URL: opts.realmUrl, GLACEON_ONYX_PATH: ONYX_STANDIN },
    });
    return {
      description: `Electron window (pid ${child.pid})`,
      stop: async () => {
        if (child.exitCode !== null) return;
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      },
    };
  }

  opts.note('no Electron binary is installed (it is downloaded from GitHub at install time), so the launcher runs in your browser with the same OS services behind it.');
  const bridge = await startDevBridge({
    userDataDir,
    staticDir: path.join(REPO_ROOT, 'apps/launcher/dist-renderer'),
    port: Number(process.env.GLACEON_LAUNCHER_PORT ?? 5780),
    log: () => {},
  });
  const current = await bridge.services.settings.get();
  // Point a fresh profile at this stack; keep a player's own Onyx path if they set one.
  await bridge.services.settings.update({
    backendUrl: opts.realmUrl,
    onyxPath: current.onyxPath || ONYX_STANDIN,
  });
  return { description: `open ${bridge.url} in a browser`, stop: () => bridge.close() };
}
