import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const INSTALL_HINTS: Record<string, string> = {
  'redis-server': 'apt-get install redis-server (Debian/Ubuntu) or brew install redis (macOS)',
  'redis-cli': 'apt-get install redis-tools (Debian/Ubuntu) or brew install redis (macOS)',
  nginx: 'apt-get install nginx-light libnginx-mod-stream (Debian/Ubuntu) or brew install nginx (macOS)',
  chromium: 'apt-get install chromium (Debian)',
};

export class MissingBinaryError extends Error {
  constructor(readonly binary: string) {
    super(`${binary} was not found on PATH. Install it: ${INSTALL_HINTS[binary] ?? `install ${binary}`}.`);
    this.name = 'MissingBinaryError';
  }
}

/** Find an executable on PATH (plus the sbin folders nginx lives in), or undefined. */
export function whichBinary(binary: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

export function requireBinary(binary: string): string {
  const found = whichBinary(binary);
  if (!found) throw new MissingBinaryError(binary);
  return found;
}
