import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { electronBinary, shellDescription } from './fixtures/shell.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** Build what the shells load, once, so no spec runs a stale renderer. */
export default function globalSetup(): void {
  console.log(`e2e shell: ${shellDescription()}`);
  rmSync(fileURLToPath(new URL('./artifacts/screenshots', import.meta.url)), { recursive: true, force: true });
  execFileSync('npm', ['run', '--silent', 'build', '-w', '@glaceon/launcher'], { cwd: repo, stdio: 'inherit' });
  if (electronBinary()) execFileSync('npm', ['run', '--silent', 'build:electron', '-w', '@glaceon/launcher'], { cwd: repo, stdio: 'inherit' });
}
