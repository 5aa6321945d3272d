import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/**
 * Replaces every secret in a line. Onyx output is split into lines before
 * redaction so a secret split across two chunks of a pipe is still caught.
 */
export function redact(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** Splits a byte stream into lines, holding back a partial last line until it completes. */
export function createLineSplitter(onLine: (line: string) => void): { push(chunk: string): void; flush(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      let nl = pending.indexOf('\n');
      while (nl !== -1) {
        onLine(pending.slice(0, nl).replace(/\r$/, ''));
        pending = pending.slice(nl + 1);
        nl = pending.indexOf('\n');
      }
    },
    flush() {
      if (pending.length > 0) onLine(pending);
      pending = '';
    },
  };
}

/** A fixed-size tail of the last lines, for the "Onyx crashed" screen. */
export function createTail(size: number): { add(line: string): void; lines(): string[] } {
  const buffer: string[] = [];
  return {
    add(line) {
      buffer.push(line);
      if (buffer.length > size) buffer.shift();
    },
    lines: () => [...buffer],
  };
}

export interface RunLog {
  readonly path: string;
  write(line: string): void;
  close(): Promise<void>;
}

/** One log file per Onyx run in `<userData>/logs`; the timestamp keeps runs apart and sortable. */
export function openRunLog(logDir: string, gameId: string, now: Date): RunLog {
  mkdirSync(logDir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const safeGame = gameId.replace(/[^A-Za-z0-9_-]/g, '_');
  const path = join(logDir, `onyx-${stamp}-${safeGame}.log`);
  const stream: WriteStream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  return {
    path,
    write(line) {
      stream.write(`${line}\n`);
    },
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}
