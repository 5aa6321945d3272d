import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The kit's safety net. Every child process and temp folder it makes is registered
 * here and released when its owner stops it. Whatever is still registered is
 * removed:
 *  - on a normal exit or process.exit() (an 'exit' hook, synchronous SIGKILL + rm),
 *  - on SIGINT/SIGTERM/SIGHUP when nobody else handles that signal,
 *  - when this process dies without running any hook (SIGKILL, OOM, a vitest worker
 *    torn down hard): a tiny `sh` reaper holds the read end of a pipe and, on EOF,
 *    kills what is left and removes the folders.
 */

/** Temp folders made by the kit start with this, so a CI step can prove nothing was left behind. */
export const TESTKIT_TMP_PREFIX = 'glaceon-testkit-';

interface TrackedChild {
  readonly pid: number;
  /** The child leads its own process group: signal -pid to reach its descendants too. */
  readonly group: boolean;
}

const children = new Map<number, TrackedChild>();
const dirs = new Set<string>();
let hooked = false;
let reaper: ChildProcess | undefined;

/** Send a signal to a child (or its whole group); false when nothing was there. */
export function signalTree(pid: number, group: boolean, signal: NodeJS.Signals): boolean {
  try {
    process.kill(group ? -pid : pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** The only folders the reaper may delete: `<tmpdir>/glaceon-testkit-*`. */
function reaperDirPrefix(): string {
  return path.join(os.tmpdir(), TESTKIT_TMP_PREFIX);
}

// POSIX sh (dash on Debian). Lines on stdin: `g+PID` / `g-PID` (a process group),
// `p+PID` / `p-PID` (a single process), `d+DIR` / `d-DIR` (a temp folder). On EOF,
// SIGKILL every registered process (group) and rm -rf every registered folder that
// is under the kit's temp prefix. The prefix arrives by env so `ps` never shows it
// (scripts/check-leftovers.mjs greps command lines for it).
const REAPER_SCRIPT = `# testkit reaper: kills its owner's leftover children once the owner's pipe closes
trap '' INT TERM HUP PIPE
nl='
'
procs=' '
dirs=''
while IFS= read -r line; do
  arg=\${line#??}
  case "$line" in
    g+*) procs="$procs"g"$arg " ;;
    p+*) procs="$procs"p"$arg " ;;
    g-*|p-*)
      tag=\${line%%[+-]*}"$arg"
      keep=' '
      for x in $procs; do [ "$x" = "$tag" ] || keep="$keep$x "; done
      procs=$keep ;;
    d+*) dirs="$dirs$arg$nl" ;;
    d-*)
      keep=''
      IFS=$nl
      for x in $dirs; do [ "$x" = "$arg" ] || keep="$keep$x$nl"; done
      unset IFS
      dirs=$keep ;;
  esac
done
for x in $procs; do
  case "$x" in
    g*) kill -9 -"\${x#g}" 2>/dev/null ;;
    p*) kill -9 "\${x#p}" 2>/dev/null ;;
  esac
done
IFS=$nl
for x in $dirs; do
  case "$x" in
    "$GLACEON_TESTKIT_REAP_PREFIX"?*) rm -rf -- "$x" ;;
  esac
done
`;

function startReaper(): ChildProcess | undefined {
  try {
    const child = spawn('/bin/sh', ['-c', REAPER_SCRIPT], {
      // Own process group: a Ctrl-C aimed at the terminal's foreground group must not take it down.
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GLACEON_TESTKIT_REAP_PREFIX: reaperDirPrefix() },
    });
    child.on('error', () => {
      reaper = undefined;
    });
    child.stdin?.on('error', () => {
      reaper = undefined;
    });
    // Never keep the event loop alive just for the reaper.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return child;
  } catch {
    return undefined;
  }
}

function tellReaper(line: string): void {
  if (process.platform === 'win32') return;
  reaper ??= startReaper();
  reaper?.stdin?.write(`${line}\n`);
}

/** Synchronous last-resort cleanup: SIGKILL every registered child, remove every registered folder. */
export function cleanupNow(): void {
  for (const child of children.values()) signalTree(child.pid, child.group, 'SIGKILL');
  children.clear();
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort at exit
    }
  }
  dirs.clear();
}

type HookedSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
/** How long children get to exit on SIGTERM before a signalled owner SIGKILLs them. */
const SIGNAL_GRACE_MS = 3000;
let dying = false;

function dieOf(signal: HookedSignal): void {
  cleanupNow();
  process.removeListener(signal, signalHandlers[signal]);
  // Die of the same signal, as if we had never handled it.
  process.kill(process.pid, signal);
}

async function onSignal(signal: HookedSignal): Promise<void> {
  // Someone else (a dev stack, a server) owns shutdown on this signal: leave it to
  // them; the 'exit' hook and the reaper still catch anything they forget.
  if (process.listenerCount(signal) > 1) return;
  // A second signal while children wind down: stop waiting.
  if (dying) return dieOf(signal);
  dying = true;
  // Children first get a SIGTERM and a moment, so services can shut down cleanly.
  for (const child of children.values()) signalTree(child.pid, child.group, 'SIGTERM');
  const deadline = Date.now() + SIGNAL_GRACE_MS;
  while (children.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  dieOf(signal);
}

const signalHandlers = {
  SIGINT: () => void onSignal('SIGINT'),
  SIGTERM: () => void onSignal('SIGTERM'),
  SIGHUP: () => void onSignal('SIGHUP'),
};

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', cleanupNow);
  for (const signal of Object.keys(signalHandlers) as (keyof typeof signalHandlers)[]) {
    process.on(signal, signalHandlers[signal]);
  }
}

export function trackChild(pid: number, group: boolean): void {
  hookExit();
  children.set(pid, { pid, group });
  tellReaper(`${group ? 'g' : 'p'}+${pid}`);
}

export function untrackChild(pid: number): void {
  const child = children.get(pid);
  if (!child) return;
  children.delete(pid);
  tellReaper(`${child.group ? 'g' : 'p'}-${pid}`);
}

export function trackDir(dir: string): void {
  hookExit();
  dirs.add(dir);
  tellReaper(`d+${dir}`);
}

export function untrackDir(dir: string): void {
  if (!dirs.delete(dir)) return;
  tellReaper(`d-${dir}`);
}

/** Pids of children the kit started and has not seen exit yet. */
export function trackedPids(): number[] {
  return [...children.keys()];
}

/** Temp folders the kit made and has not removed yet. */
export function trackedDirs(): string[] {
  return [...dirs];
}
