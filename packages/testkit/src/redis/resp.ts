import net from 'node:net';

/**
 * Just enough RESP2 to drive redis-server from the kit (PING, CLUSTER INFO, ...)
 * without a Redis client dependency at runtime.
 */

export type RespValue = string | number | null | RespValue[];

export class RedisReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisReplyError';
  }
}

/** Marker for "the buffer ends before the reply does". */
const INCOMPLETE = Symbol('incomplete');

type Parsed = { value: RespValue | RedisReplyError; next: number } | typeof INCOMPLETE;

function parseReply(data: Buffer, start: number): Parsed {
  const lineEnd = data.indexOf('\r\n', start);
  if (lineEnd === -1) return INCOMPLETE;
  const kind = String.fromCharCode(data[start] ?? 0);
  const line = data.toString('utf8', start + 1, lineEnd);
  const afterLine = lineEnd + 2;
  switch (kind) {
    case '+':
      return { value: line, next: afterLine };
    case '-':
      return { value: new RedisReplyError(line), next: afterLine };
    case ':':
      return { value: Number(line), next: afterLine };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, next: afterLine };
      if (data.length < afterLine + length + 2) return INCOMPLETE;
      return { value: data.toString('utf8', afterLine, afterLine + length), next: afterLine + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next: afterLine };
      const items: RespValue[] = [];
      let next = afterLine;
      for (let i = 0; i < count; i++) {
        const item = parseReply(data, next);
        if (item === INCOMPLETE) return INCOMPLETE;
        if (item.value instanceof RedisReplyError) return { value: item.value, next: item.next };
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      return { value: new RedisReplyError(`Unexpected RESP type byte ${JSON.stringify(kind)}`), next: data.length };
  }
}

function encodeCommand(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

export interface RedisCommandOptions {
  host?: string;
  timeoutMs?: number;
}

/**
 * Send one command on a fresh connection and resolve with its reply. Rejects with
 * RedisReplyError on an error reply, and with a plain Error on a socket problem.
 */
export function redisCommand(port: number, args: readonly string[], options: RedisCommandOptions = {}): Promise<RespValue> {
  const { host = '127.0.0.1', timeoutMs = 2000 } = options;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host });
    let data = Buffer.alloc(0);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      fn();
    };
    socket.setTimeout(timeoutMs, () => settle(() => reject(new Error(`${args[0] ?? 'command'} to ${host}:${port} timed out after ${timeoutMs} ms`))));
    socket.once('error', (error) => settle(() => reject(error)));
    socket.once('close', () => settle(() => reject(new Error(`${host}:${port} closed the connection before replying`))));
    socket.once('connect', () => socket.write(encodeCommand(args)));
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const parsed = parseReply(data, 0);
      if (parsed === INCOMPLETE) return;
      const { value } = parsed;
      settle(() => (value instanceof RedisReplyError ? reject(value) : resolve(value)));
    });
  });
}

/** Send PING; true on PONG, false on anything else (refused, timeout, LOADING, ...). */
export async function pingRedis(port: number, host = '127.0.0.1'): Promise<boolean> {
  try {
    return (await redisCommand(port, ['PING'], { host, timeoutMs: 1000 })) === 'PONG';
  } catch {
    return false;
  }
}

/** Parse `key:value` lines (INFO, CLUSTER INFO) into a record. */
export function parseInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return fields;
}
