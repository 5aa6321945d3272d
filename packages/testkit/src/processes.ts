import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import { signalTree, trackChild, trackedPids, untrackChild } from './cleanup.js';
import { processGroupMembers } from './proc-info.js';

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

export interface ManagedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** A label for messages (defaults to the command's base name). */
  readonly name: string;
  /** Output collected so far (last 64 KiB of stdout and stderr), for error messages. */
  output(): string;
  exited: Promise<ExitInfo>;
  /** Like exited, but also waits (up to 200 ms) until its last output has been read. */
  closed: Promise<ExitInfo>;
  /** True until the process has exited. */
  alive(): boolean;
  /**
   * Resolve with the first line of output (stdout or stderr) matching pattern, among
   * the lines already seen and those to come. Rejects if the process exits first or
   * after timeoutMs.
   */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /**
   * SIGTERM (to the whole process group), then SIGKILL after graceMs; resolves when
   * the process is gone. Idempotent: every call shares the first call's promise.
   */
  stop(graceMs?: number): Promise<void>;
  /** Send a signal to the process (its whole group when it leads one). */
  kill(signal: NodeJS.Signals): void;
}

export interface SpawnManagedOptions extends SpawnOptions {
  /**
   * Run the child as the leader of its own process group (default true) so stop()
   * and the cleanup hooks reach its descendants too (nginx workers, shells' children).
   */
  processGroup?: boolean;
  /** Label for messages; defaults to the command's base name. */
  name?: string;
  /** Called with every complete line the child writes. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

const OUTPUT_LIMIT = 65_536;
const LINE_HISTORY = 2_000;

interface LineWaiter {
  pattern: RegExp;
  resolve(match: RegExpMatchArray): void;
}

const managed = new Set<ManagedProcess>();

export function spawnManaged(command: string, args: readonly string[], options: SpawnManagedOptions = {}): ManagedProcess {
  const { processGroup = process.platform !== 'win32', name = path.basename(command), onLine, ...spawnOptions } = options;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions, detached: processGroup });
  // Without a listener a failed spawn (ENOENT, EACCES) would be an uncaught 'error'
  // event; that failure is reported by the throw below instead.
  child.on('error', () => undefined);
  if (child.pid === undefined) throw new Error(`Could not start ${name} (${command})`);
  const pid = child.pid;
  trackChild(pid, processGroup);

  let buffer = '';
  const lines: string[] = [];
  const waiters = new Set<LineWaiter>();
  const onCompleteLine = (line: string, stream: 'stdout' | 'stderr') => {
    lines.push(line);
    if (lines.length > LINE_HISTORY) lines.shift();
    onLine?.(line, stream);
    for (const waiter of waiters) {
      const match = line.match(waiter.pattern);
      if (match) {
        waiters.delete(waiter);
        waiter.resolve(match);
      }
    }
  };
  const collect = (stream: 'stdout' | 'stderr') => {
    const readable = child[stream];
    if (!readable) return;
    // Decodes UTF-8 across chunk boundaries.
    readable.setEncoding('utf8');
    let partial = '';
    readable.on('data', (text: string) => {
      buffer = (buffer + text).slice(-OUTPUT_LIMIT);
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) onCompleteLine(line.replace(/\r$/, ''), stream);
    });
    // A last line without a newline still counts.
    readable.on('end', () => {
      if (partial !== '') onCompleteLine(partial, stream);
      partial = '';
    });
  };
  collect('stdout');
  collect('stderr');

  let exitInfo: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    const finish = (info: ExitInfo) => {
      if (exitInfo) return;
      exitInfo = info;
      untrackChild(pid);
      // The leader is gone; sweep whatever it left in its group (orphaned workers).
      if (processGroup) signalTree(pid, true, 'SIGKILL');
      managed.delete(handle);
      resolve(info);
    };
    child.once('exit', (code, signal) => finish({ code, signal }));
  });

  const streamsClosed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // A grandchild holding stdout open must not hold us up for long.
  const closed = exited.then(async (info) => {
    await Promise.race([streamsClosed, new Promise((r) => setTimeout(r, 200).unref())]);
    return info;
  });

  let stopping: Promise<void> | undefined;
  const handle: ManagedProcess = {
    child,
    pid,
    name,
    output: () => buffer,
    exited,
    closed,
    alive: () => exitInfo === undefined,
    kill(signal) {
      if (exitInfo === undefined) signalTree(pid, processGroup, signal);
    },
    waitForLine(pattern, timeoutMs = 15_000) {
      for (const line of lines) {
        const match = line.match(pattern);
        if (match) return Promise.resolve(match);
      }
      return new Promise<RegExpMatchArray>((resolve, reject) => {
        const waiter: LineWaiter = {
          pattern,
          resolve: (match) => {
            clearTimeout(timer);
            resolve(match);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`${name} printed no line matching ${pattern} within ${timeoutMs} ms. Output:\n${buffer}`));
        }, timeoutMs);
        waiters.add(waiter);
        void closed.then((info) => {
          if (!waiters.delete(waiter)) return;
          clearTimeout(timer);
          reject(new Error(`${name} exited (${describeExit(info)}) before printing a line matching ${pattern}. Output:\n${buffer}`));
        });
      });
    },
    stop(graceMs = 3000) {
      stopping ??= (async () => {
        if (exitInfo !== undefined) return;
        signalTree(pid, processGroup, 'SIGTERM');
        const timer = setTimeout(() => signalTree(pid, processGroup, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
        // SIGKILLed group members die asynchronously: return only once none is left.
        if (processGroup) await waitForGroupGone(pid, graceMs);
      })();
      return stopping;
    },
  };
  managed.add(handle);
  return handle;
}

async function waitForGroupGone(pgid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (processGroupMembers(pgid).length > 0 && Date.now() < deadline) {
    signalTree(pgid, true, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function describeExit(info: ExitInfo): string {
  return info.signal ? `signal ${info.signal}` : `code ${info.code}`;
}

/** Stop every process the kit started in this process (e.g. in a global teardown). */
export async function stopAllManaged(graceMs?: number): Promise<void> {
  await Promise.all([...managed].map((proc) => proc.stop(graceMs)));
}

/** Pids of every live process the kit started, for leak checks. */
export function livePids(): number[] {
  return trackedPids();
}
