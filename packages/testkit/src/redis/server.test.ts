import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TESTKIT_TMP_PREFIX } from '../cleanup.js';
import { processExists } from '../proc-info.js';
import { RedisReplyError, pingRedis, redisCommand } from './resp.js';
import { startRedis, type RedisHandle } from './server.js';

describe('startRedis', () => {
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis({ args: ['--notify-keyspace-events', 'Ex'] });
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('runs a loopback redis-server in a kit temp folder and answers commands', async () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(redis.dir).toContain(TESTKIT_TMP_PREFIX);
    expect(await pingRedis(redis.port)).toBe(true);
    expect(await redisCommand(redis.port, ['SET', 'greeting', 'héllo wörld'])).toBe('OK');
    expect(await redisCommand(redis.port, ['GET', 'greeting'])).toBe('héllo wörld');
    expect(await redisCommand(redis.port, ['GET', 'missing'])).toBeNull();
    expect(await redisCommand(redis.port, ['RPUSH', 'list', 'a', 'b'])).toBe(2);
    expect(await redisCommand(redis.port, ['LRANGE', 'list', '0', '-1'])).toEqual(['a', 'b']);
    await expect(redisCommand(redis.port, ['NOSUCHCOMMAND'])).rejects.toBeInstanceOf(RedisReplyError);
  });

  it('passes extra arguments and keeps persistence off', async () => {
    expect(await redisCommand(redis.port, ['CONFIG', 'GET', 'notify-keyspace-events'])).toEqual(['notify-keyspace-events', 'xE']);
    expect(await redisCommand(redis.port, ['CONFIG', 'GET', 'save'])).toEqual(['save', '']);
    expect(await redisCommand(redis.port, ['CONFIG', 'GET', 'bind'])).toEqual(['bind', '127.0.0.1']);
  });

  it('shows its temp folder in the process title, so a leftover is attributable', () => {
    const title = execFileSync('ps', ['-o', 'args=', '-p', String(redis.process.pid)], { encoding: 'utf8' });
    expect(title).toContain(TESTKIT_TMP_PREFIX);
  });

  it('two servers at once get different ports', async () => {
    const other = await startRedis();
    try {
      expect(other.port).not.toBe(redis.port);
      await redisCommand(other.port, ['SET', 'k', 'other']);
      expect(await redisCommand(redis.port, ['GET', 'k'])).toBeNull();
    } finally {
      await other.stop();
    }
  });
});

describe('stopping a Redis', () => {
  it('leaves no process and no folder, and a second stop is harmless', async () => {
    const redis = await startRedis();
    const { pid } = redis.process;
    expect(processExists(pid)).toBe(true);
    await redis.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(redis.dir)).toBe(false);
    expect(await pingRedis(redis.port)).toBe(false);
    await redis.stop();
  });

  it('a fixed port that is taken fails with redis-server output, leaving nothing behind', async () => {
    const first = await startRedis();
    try {
      await expect(startRedis({ port: first.port, readyTimeoutMs: 3000 })).rejects.toThrow(/exited early|Address already in use/);
      expect(await pingRedis(first.port)).toBe(true);
    } finally {
      await first.stop();
    }
  });
});
