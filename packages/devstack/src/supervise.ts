import { describeExit } from '@glaceon/testkit';
import type { WatchedProcess } from './stack.js';

export interface SuperviseOptions {
  /** True while the owner is shutting down on purpose: exits then are expected. */
  isStopping: () => boolean;
  log: (line: string) => void;
  /** Restarts allowed per process within `windowMs` before giving up on it (default 3 per minute). */
  maxRestarts?: number;
  windowMs?: number;
  /** Lines of the dead process's output to show (default 15). */
  tailLines?: number;
}

export interface Supervisor {
  stop(): void;
  /** Resolves once every watch loop has ended (after stop(), or after giving up). */
  done: Promise<void>;
}

/**
 * Watch every process of a local stack: when one dies unexpectedly, say so loudly
 * with the last lines of its output, and start it again (services only, a few times
 * a minute at most) rather than keep claiming "Glaceon is running" over a dead part.
 */
export function superviseStack(watched: readonly WatchedProcess[], options: SuperviseOptions): Supervisor {
  const maxRestarts = options.maxRestarts ?? 3;
  const windowMs = options.windowMs ?? 60_000;
  const tailLines = options.tailLines ?? 15;
  let stopped = false;
  const quiet = () => stopped || options.isStopping();

  async function watch(w: WatchedProcess): Promise<void> {
    const restarts: number[] = [];
    for (;;) {
      const proc = w.current();
      const exit = await proc.exited;
      if (quiet()) return;
      const tail = proc
        .output()
        .split('\n')
        .filter((l) => l.trim())
        .slice(-tailLines);
      options.log(`\n!! ${w.name} died (${describeExit(exit)}). Last lines of its output:`);
      for (const line of tail) options.log(`   | ${line}`);
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0]! > windowMs) restarts.shift();
      if (!w.restart) {
        options.log(`!! ${w.name} is not restarted automatically: press Ctrl-C and run npm start again.`);
        return;
      }
      if (restarts.length >= maxRestarts) {
        options.log(
          `!! ${w.name} died ${restarts.length + 1} times within ${Math.round(windowMs / 1000)} s: not restarting it again. Press Ctrl-C and check the lines above.`,
        );
        return;
      }
      restarts.push(now);
      options.log(`!! restarting ${w.name}…`);
      try {
        await w.restart();
        if (quiet()) return;
        options.log(`!! ${w.name} is running again.`);
      } catch (error) {
        if (quiet()) return;
        options.log(`!! ${w.name} could not be restarted: ${(error as Error).message}`);
        return;
      }
    }
  }

  const done = Promise.all(watched.map(watch)).then(() => undefined);
  return {
    stop() {
      stopped = true;
    },
    done,
  };
}
