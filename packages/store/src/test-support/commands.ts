import type { RedisClient } from '../redis.js';

/** The commands this client sent while `fn` ran, by name (script calls count as `script`). */
export async function commandsDuring(redis: RedisClient, fn: () => Promise<unknown>): Promise<Record<string, number>> {
  const sent: Record<string, number> = {};
  const original = redis.sendCommand.bind(redis);
  const counting = ((command: { name: string }, ...rest: unknown[]) => {
    const name = command.name === 'evalsha' || command.name === 'eval' ? 'script' : command.name;
    sent[name] = (sent[name] ?? 0) + 1;
    return (original as (...a: unknown[]) => unknown)(command, ...rest);
  }) as typeof redis.sendCommand;
  redis.sendCommand = counting;
  try {
    await fn();
  } finally {
    redis.sendCommand = original;
  }
  return sent;
}
