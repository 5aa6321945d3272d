import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cache = new Map<string, Promise<[number, number, number]>>();

/** `redis-server --version` as [major, minor, patch]; [0, 0, 0] when unreadable. */
export function redisServerVersion(binary: string): Promise<[number, number, number]> {
  let version = cache.get(binary);
  if (!version) {
    version = run(binary, ['--version'], { timeout: 5000 }).then(
      ({ stdout }) => {
        const match = /v=(\d+)\.(\d+)\.(\d+)/.exec(stdout);
        return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
      },
      () => [0, 0, 0] as [number, number, number],
    );
    cache.set(binary, version);
  }
  return version;
}
