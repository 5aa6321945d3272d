import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { MissingBinaryError } from '../binaries.js';

const run = promisify(execFile);

export interface NginxBuild {
  /** e.g. [1, 22, 1]. */
  readonly version: readonly [number, number, number];
  /** How the stream module is built in: statically, as a loadable module, or not at all (per `nginx -V`). */
  readonly stream: 'static' | 'dynamic' | 'absent';
  /** --modules-path from `nginx -V`, when set. */
  readonly modulesPath?: string;
}

const builds = new Map<string, Promise<NginxBuild>>();

/** What `nginx -V` says about this binary (it prints to stderr). Cached per binary. */
export function nginxBuild(binary: string): Promise<NginxBuild> {
  let build = builds.get(binary);
  if (!build) {
    build = run(binary, ['-V'], { timeout: 5000 }).then(({ stdout, stderr }) => parseNginxBuild(`${stdout}\n${stderr}`));
    builds.set(binary, build);
  }
  return build;
}

export function parseNginxBuild(text: string): NginxBuild {
  const version = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(text);
  const stream = /--with-stream=dynamic(?:\s|$)/.test(text) ? 'dynamic' : /--with-stream(?:\s|$)/.test(text) ? 'static' : 'absent';
  const modulesPath = /--modules-path=(\S+)/.exec(text)?.[1];
  return {
    version: version ? [Number(version[1]), Number(version[2]), Number(version[3])] : [0, 0, 0],
    stream,
    ...(modulesPath !== undefined ? { modulesPath } : {}),
  };
}

/** Where distributions put dynamic modules (Debian's libnginx-mod-stream uses the first). */
const MODULE_DIRS = [
  '/usr/lib/nginx/modules',
  '/usr/lib64/nginx/modules',
  '/usr/share/nginx/modules',
  '/usr/local/nginx/modules',
  '/usr/local/lib/nginx/modules',
];
export const STREAM_MODULE_FILE = 'ngx_stream_module.so';

/**
 * The absolute path to load_module, or undefined when stream is compiled in.
 * Throws MissingBinaryError (naming the package) when nginx has no stream support.
 */
export function streamModulePath(build: NginxBuild, exists: (file: string) => boolean = existsSync): string | undefined {
  if (build.stream === 'static') return undefined;
  const dirs = [...(build.modulesPath !== undefined ? [build.modulesPath] : []), ...MODULE_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, STREAM_MODULE_FILE);
    if (exists(candidate)) return candidate;
  }
  throw new MissingBinaryError(STREAM_MODULE_FILE, dirs);
}
