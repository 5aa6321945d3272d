import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingBinaryError, requireBinary, whichBinary } from './binaries.js';
import { startRedis } from './redis/server.js';
import { startRedisCluster } from './redis/cluster.js';
import { startNginxStream } from './nginx/start.js';
import { trackedPids } from './cleanup.js';

describe('binary lookup', () => {
  let emptyDir: string;
  beforeAll(async () => {
    emptyDir = await mkdtemp(path.join(os.tmpdir(), 'glaceon-testkit-emptypath-'));
  });
  afterAll(async () => {
    await rm(emptyDir, { recursive: true, force: true });
  });

  it('finds the installed binaries, nginx included although it lives in sbin', () => {
    expect(whichBinary('redis-server')).toMatch(/\/redis-server$/);
    expect(whichBinary('nginx')).toMatch(/\/nginx$/);
    expect(whichBinary('definitely-not-a-binary-glaceon')).toBeUndefined();
  });

  it('names the missing binary and the apt and brew commands that install it', () => {
    let caught: unknown;
    try {
      requireBinary('redis-server', { searchPath: emptyDir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MissingBinaryError);
    const error = caught as MissingBinaryError;
    expect(error.binary).toBe('redis-server');
    expect(error.message).toContain('redis-server was not found');
    expect(error.message).toContain('sudo apt-get install redis-server');
    expect(error.message).toContain('brew install redis');
    expect(error.message).toContain(emptyDir);
  });

  it('the starters fail with MissingBinaryError before starting anything', async () => {
    const before = trackedPids().length;
    await expect(startRedis({ searchPath: emptyDir })).rejects.toThrow(/redis-server was not found.*apt-get install redis-server/);
    await expect(startRedisCluster({ searchPath: emptyDir })).rejects.toBeInstanceOf(MissingBinaryError);
    await expect(startNginxStream({ upstreams: [1], searchPath: emptyDir })).rejects.toThrow(
      /nginx was not found.*apt-get install nginx-light libnginx-mod-stream/,
    );
    expect(trackedPids().length).toBe(before);
  });

  it('redis-cli missing is reported even when redis-server is there', async () => {
    const serverOnly = path.dirname(whichBinary('redis-server') ?? '');
    // redis-cli sits beside redis-server on Debian, so point at a folder with a symlink to redis-server only.
    await symlink(path.join(serverOnly, 'redis-server'), path.join(emptyDir, 'redis-server'));
    await expect(startRedisCluster({ searchPath: emptyDir })).rejects.toThrow(/redis-cli was not found.*redis-tools/);
  });
});
