import { existsSync } from 'node:fs';
import path from 'node:path';
import { waitForPort } from '../ports.js';
import { describeExit, spawnManaged, type ManagedProcess } from '../processes.js';

export interface SpawnServiceOptions {
  /** The service's TypeScript (or JavaScript) entry file. */
  entry: string;
  /** Label for messages and log prefixes, e.g. 'realm' or 'coral-2'. */
  name: string;
  /** Merged over process.env (a value of undefined removes the variable). */
  env?: Record<string, string | undefined>;
  /** Arguments after the entry. */
  args?: string[];
  /** Extra node flags before the entry (e.g. ['--inspect']). */
  nodeArgs?: string[];
  cwd?: string;
  /** Ready once this port accepts TCP connections... */
  readyPort?: number;
  readyHost?: string;
  /** ...and/or once a line of output (stdout or stderr) matches this. */
  readyLine?: RegExp;
  /** Default 20 s: a cold tsx start on a busy 2-core machine takes a few seconds. */
  readyTimeoutMs?: number;
  /** SIGTERM grace before SIGKILL in stop() (default 5 s). */
  stopGraceMs?: number;
  /** Called with every line the service prints (e.g. to forward logs with a prefix). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface ServiceHandle extends ManagedProcess {
  /** The readyLine match, e.g. to read a port the service printed. */
  readonly readyMatch: RegExpMatchArray | undefined;
}

/** Set by `npm test` (scripts/test-all.sh) right after its `tsc -b` step has compiled every package. */
export const SERVICES_FROM_DIST_ENV = 'GLACEON_SERVICES_FROM_DIST';

/**
 * The compiled counterpart of a workspace source file (`<package>/src/x/y.ts` ->
 * `<package>/dist/x/y.js`, the layout `tsc -b` writes), or undefined if there is none.
 */
export function compiledEntry(entry: string, exists: (file: string) => boolean = existsSync): string | undefined {
  const m = /^(.*)[\\/]src[\\/](.+)\.ts$/.exec(entry);
  if (!m) return undefined;
  const compiled = path.join(m[1]!, 'dist', `${m[2]!}.js`);
  return exists(compiled) ? compiled : undefined;
}

/**
 * How every workspace service starts. By default from source: Node with tsx and the
 * glaceon-source condition, so a test run by hand never starts a stale build. Under
 * `npm test` (GLACEON_SERVICES_FROM_DIST=1, set after its `tsc -b` step) from the output
 * that step has just written, with plain Node: tsx's loader hooks cost a Coral about 2 s of
 * CPU more per start (3.0 against 1.0 s to import it), and the suite starts about 300
 * processes. A file with no compiled counterpart (a test fixture) still runs through tsx.
 */
export function serviceCommand(
  entry: string,
  nodeArgs: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = existsSync,
): { command: string; args: string[] } {
  const compiled = env[SERVICES_FROM_DIST_ENV] === '1' ? compiledEntry(entry, exists) : undefined;
  if (compiled) return { command: process.execPath, args: [...nodeArgs, compiled] };
  return { command: process.execPath, args: ['--conditions=glaceon-source', '--import', 'tsx', ...nodeArgs, entry] };
}

/**
 * Start a service as a real child process and resolve once it is ready (readyPort
 * accepting, readyLine printed). If it exits or times out first, it is stopped and
 * the promise rejects with its output.
 */
export async function spawnService(options: SpawnServiceOptions): Promise<ServiceHandle> {
  if (options.readyPort === undefined && options.readyLine === undefined) {
    throw new TypeError(`spawnService(${options.name}): give readyPort or readyLine, or nothing tells when it is ready`);
  }
  const entry = path.resolve(options.cwd ?? process.cwd(), options.entry);
  const { command, args } = serviceCommand(entry, options.nodeArgs);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const proc = spawnManaged(command, [...args, ...(options.args ?? [])], {
    name: options.name,
    env,
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
  const timeoutMs = options.readyTimeoutMs ?? 20_000;
  const stopGraceMs = options.stopGraceMs ?? 5000;
  try {
    const exitedEarly = proc.closed.then((info) => {
      throw new Error(`${options.name} exited (${describeExit(info)}) before it was ready. Output:\n${proc.output()}`);
    });
    const ready = (async () => {
      const match = options.readyLine ? await proc.waitForLine(options.readyLine, timeoutMs) : undefined;
      if (options.readyPort !== undefined) {
        await waitForPort(options.readyPort, options.readyHost ?? '127.0.0.1', timeoutMs, () => (proc.alive() ? undefined : 'the process exited'));
      }
      return match;
    })();
    // Whichever loses the race must not surface as an unhandled rejection.
    exitedEarly.catch(() => undefined);
    ready.catch(() => undefined);
    const readyMatch = await Promise.race([ready, exitedEarly]);
    return {
      ...proc,
      readyMatch,
      stop: (graceMs = stopGraceMs) => proc.stop(graceMs),
    };
  } catch (error) {
    await proc.stop(1000);
    throw error instanceof Error && !error.message.startsWith(options.name) ? new Error(`${options.name}: ${error.message}`, { cause: error }) : error;
  }
}
