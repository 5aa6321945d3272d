import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { onyxArgv, OnyxErrorCode, type OnyxError, type OnyxLaunchRequest, type OnyxState, type TicketMode } from '../../common/index.js';
import { createLineSplitter, createTail, openRunLog, redact, type RunLog } from './log-files.js';

export interface OnyxLaunchOptions {
  executable: string;
  ticketMode: TicketMode;
  request: OnyxLaunchRequest;
}

export interface OnyxLauncher {
  launch(options: OnyxLaunchOptions): Promise<{ ok: true; runId: number } | { ok: false; error: OnyxError }>;
  state(): OnyxState;
  onState(listener: (state: OnyxState) => void): () => void;
  /** Ends a running Onyx (launcher quitting); resolves once it has exited. */
  stop(): Promise<void>;
}

export interface OnyxLauncherDeps {
  logDir: string;
  /** How many output lines the crash screen shows. */
  tailLines?: number;
  now?: () => Date;
  platform?: NodeJS.Platform;
}

const fail = (code: OnyxErrorCode, detail?: string): OnyxError => ({
  code,
  message: detail ? `${OnyxErrorCode[code]} (${detail})` : OnyxErrorCode[code],
});

/** Checks the configured path before spawning so the player gets a specific reason, not ENOENT. */
async function checkExecutable(path: string, platform: NodeJS.Platform): Promise<OnyxError | undefined> {
  if (path.trim() === '') return fail('PATH_UNSET');
  let info;
  try {
    info = await stat(path);
  } catch {
    return fail('NOT_FOUND', path);
  }
  if (!info.isFile()) return fail('NOT_A_FILE', path);
  // Windows has no execute bit; CreateProcess decides by extension.
  if (platform !== 'win32') {
    try {
      await access(path, constants.X_OK);
    } catch {
      return fail('NOT_EXECUTABLE', path);
    }
  }
  return undefined;
}

/**
 * Launches and watches the native game client. Single-flight: while one run
 * is starting or running, another launch is refused (a player can never be
 * in two games from one launcher). The ticket never reaches the log file.
 */
export function createOnyxLauncher(deps: OnyxLauncherDeps): OnyxLauncher {
  const now = deps.now ?? (() => new Date());
  const platform = deps.platform ?? process.platform;
  const listeners = new Set<(state: OnyxState) => void>();
  let current: OnyxState = { status: 'idle' };
  let busy = false;
  let runCounter = 0;
  let exited: Promise<void> = Promise.resolve();
  let killChild: (() => void) | undefined;

  const setState = (next: OnyxState) => {
    current = next;
    for (const listener of listeners) listener(next);
  };

  async function launch({ executable, ticketMode, request }: OnyxLaunchOptions) {
    if (busy) return { ok: false as const, error: fail('ALREADY_RUNNING') };
    busy = true;
    const runId = ++runCounter;
    const { gameId, ticket } = request;
    const problem = await checkExecutable(executable, platform);
    if (problem) {
      busy = false;
      setState({ status: 'failed', runId, gameId, error: problem, logPath: null });
      return { ok: false as const, error: problem };
    }

    const secrets = [ticket];
    const log: RunLog = openRunLog(deps.logDir, gameId, now());
    const tail = createTail(deps.tailLines ?? 20);
    const argv = onyxArgv(request, ticketMode);
    log.write(`# ${now().toISOString()} launching ${executable} ${redact(argv.join(' '), secrets)}`);

    const child = spawn(executable, argv, {
      stdio: [ticketMode === 'stdin' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: false,
    });
    killChild = () => child.kill('SIGTERM');

    const record = (stream: 'out' | 'err') => (line: string) => {
      const clean = redact(line, secrets);
      tail.add(clean);
      log.write(stream === 'err' ? `[stderr] ${clean}` : clean);
    };
    const out = createLineSplitter(record('out'));
    const errs = createLineSplitter(record('err'));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => out.push(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => errs.push(chunk));

    let settled = false;
    exited = new Promise<void>((resolve) => {
      const finish = async (next: OnyxState) => {
        if (settled) return;
        settled = true;
        out.flush();
        errs.flush();
        await log.close();
        killChild = undefined;
        busy = false;
        setState(next);
        resolve();
      };
      // 'close' (not 'exit') so every output line is in the tail before we report.
      child.on('close', (code, signal) => {
        log.write(`# ${now().toISOString()} exited ${signal ? `by signal ${signal}` : `with code ${code}`}`);
        void finish({ status: 'exited', runId, gameId, code, signal, lastLines: tail.lines(), logPath: log.path, endedAt: now().getTime() });
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        log.write(`# spawn failed: ${error.code ?? error.message}`);
        const code = error.code === 'EACCES' ? 'NOT_EXECUTABLE' : error.code === 'ENOENT' ? 'NOT_FOUND' : 'SPAWN_FAILED';
        void finish({ status: 'failed', runId, gameId, error: fail(code, error.code), logPath: log.path });
      });
    });

    if (ticketMode === 'stdin' && child.stdin) {
      // A child that exits without reading stdin makes this write EPIPE; the exit is what we report.
      child.stdin.on('error', () => undefined);
      child.stdin.end(`${ticket}\n`);
    }
    if (child.pid === undefined) {
      await exited;
      return current.status === 'failed' ? { ok: false as const, error: current.error } : { ok: true as const, runId };
    }
    setState({ status: 'running', runId, gameId, pid: child.pid, startedAt: now().getTime(), logPath: log.path });
    return { ok: true as const, runId };
  }

  return {
    launch,
    state: () => current,
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      killChild?.();
      await exited;
    },
  };
}
