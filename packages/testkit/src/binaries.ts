import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** How to install each binary the kit runs, per platform. Shown verbatim in MissingBinaryError. */
const INSTALL_HINTS: Record<string, { apt: string; brew: string }> = {
  'redis-server': { apt: 'sudo apt-get install redis-server', brew: 'brew install redis' },
  'redis-cli': { apt: 'sudo apt-get install redis-tools', brew: 'brew install redis' },
  nginx: { apt: 'sudo apt-get install nginx-light libnginx-mod-stream', brew: 'brew install nginx' },
  'ngx_stream_module.so': { apt: 'sudo apt-get install libnginx-mod-stream', brew: 'brew install nginx (its stream module is built in)' },
  chromium: { apt: 'sudo apt-get install chromium', brew: 'brew install --cask chromium' },
};

/** Folders nginx and friends live in that a user's PATH often lacks. */
const SBIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

export class MissingBinaryError extends Error {
  /** The command that installs the binary on Debian/Ubuntu and on macOS. */
  readonly installHint: string;

  constructor(
    readonly binary: string,
    readonly searched: readonly string[] = [],
  ) {
    const hint = INSTALL_HINTS[binary];
    const installHint = hint ? `${hint.apt} (Debian/Ubuntu) or ${hint.brew} (macOS)` : `install ${binary} with your package manager`;
    const where = searched.length > 0 ? ` Searched: ${searched.join(path.delimiter)}` : '';
    super(`${binary} was not found on this machine. Install it: ${installHint}.${where}`);
    this.name = 'MissingBinaryError';
    this.installHint = installHint;
  }
}

export interface BinaryLookupOptions {
  /**
   * PATH-style list of folders to search instead of process.env.PATH plus the sbin
   * folders. Tests use it to prove the missing-binary message; a value containing a
   * slash as `binary` is checked directly instead.
   */
  searchPath?: string;
}

function searchDirs(options: BinaryLookupOptions): string[] {
  const dirs = options.searchPath !== undefined ? options.searchPath.split(path.delimiter) : [...(process.env.PATH ?? '').split(path.delimiter), ...SBIN_DIRS];
  return [...new Set(dirs.filter((dir) => dir.length > 0))];
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Find an executable on PATH (plus the sbin folders nginx lives in), or undefined. */
export function whichBinary(binary: string, options: BinaryLookupOptions = {}): string | undefined {
  if (binary.includes('/')) return isExecutable(binary) ? path.resolve(binary) : undefined;
  for (const dir of searchDirs(options)) {
    const candidate = path.join(dir, binary);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Like whichBinary, but throws a MissingBinaryError that says how to install it. */
export function requireBinary(binary: string, options: BinaryLookupOptions = {}): string {
  const found = whichBinary(binary, options);
  if (!found) throw new MissingBinaryError(binary, binary.includes('/') ? [] : searchDirs(options));
  return found;
}
