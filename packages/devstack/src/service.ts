import { serviceCommand, spawnManaged, waitForPort, type ManagedProcess } from '@glaceon/testkit';

/**
 * Every process of one stack carries the argument `--glaceon-stack=<id>` (the
 * services ignore it) so the leftover check after the tests can find strays.
 */
export const STACK_MARKER = 'glaceon-stack-';

export interface ServiceHandle {
  readonly name: string;
  readonly port: number;
  /** The running process (a new one after restart()). */
  readonly process: ManagedProcess;
  /** Start the service again with the same entry, port and environment (after it died). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TsServiceOptions {
  name: string;
  entry: string;
  port: number;
  env: Record<string, string>;
  stackId: string;
  onOutput?: (name: string, line: string) => void;
  readyPath?: string;
  timeoutMs?: number;
}

async function spawnTsService(opts: TsServiceOptions): Promise<ManagedProcess> {
  const { command, args } = serviceCommand(opts.entry);
  const proc = spawnManaged(command, [...args, `--glaceon-stack=${STACK_MARKER}${opts.stackId}`], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    name: opts.name,
  });
  if (opts.onOutput) {
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) opts.onOutput?.(opts.name, line);
    };
    proc.child.stdout?.on('data', forward);
    proc.child.stderr?.on('data', forward);
  }
  const timeoutMs = opts.timeoutMs ?? 30_000;
  try {
    await Promise.race([
      waitForPort(opts.port, '127.0.0.1', timeoutMs),
      proc.exited.then(({ code, signal }) => {
        throw new Error(`${opts.name} exited during start-up (code ${code}, signal ${signal}):\n${proc.output().slice(-4000)}`);
      }),
    ]);
    if (opts.readyPath) await waitForHttpOk(`http://127.0.0.1:${opts.port}${opts.readyPath}`, timeoutMs);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return proc;
}

export async function startTsService(opts: TsServiceOptions): Promise<ServiceHandle> {
  let proc = await spawnTsService(opts);
  return {
    name: opts.name,
    port: opts.port,
    get process() {
      return proc;
    },
    async restart() {
      await proc.stop();
      proc = await spawnTsService(opts);
    },
    stop: () => proc.stop(),
  };
}

export async function waitForHttpOk(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms (${last})`);
}
