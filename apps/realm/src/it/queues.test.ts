/**
 * Issue #14 on a real Realm process: the queue configuration is read at start (a bad file
 * stops Realm naming the field and the rule), GET /v1/queues lists what the file defines,
 * and SIGHUP applies a new file (a bad one is refused and the old queues stay).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, SHIPPED_QUEUES, spawnService, startRedis, writeQueuesFile, type QueuesFile, type RedisHandle, type ServiceHandle } from '@glaceon/testkit';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const REALM_ENTRY = path.join(REPO_ROOT, 'apps/realm/src/server.ts');
const THREE = { id: '3v3', name: 'Trios (3v3)', description: 'Only the configuration knows this one.', teams: 2, teamSize: 3, partySizes: [1, 2, 3] };

describe('Realm process: the queue configuration', () => {
  let redis: RedisHandle | undefined;
  let realm: ServiceHandle | undefined;
  const files: QueuesFile[] = [];
  afterAll(async () => {
    await realm?.stop();
    await redis?.stop();
    for (const f of files) await f.remove();
  });

  it('a file that breaks a rule stops Realm with the field and the rule', async () => {
    const bad = await writeQueuesFile({ queues: [{ ...THREE, teamSize: 17 }] });
    files.push(bad);
    const port = await freePort();
    await expect(
      spawnService({
        entry: REALM_ENTRY,
        name: 'realm-bad-queues',
        cwd: REPO_ROOT,
        env: { PORT: String(port), GLACEON_QUEUES: bad.file, REDIS_URL: 'redis://127.0.0.1:1', INTERNAL_PORT: '0', GLACEON_INSECURE_DEV: '1' },
        readyPort: port,
        readyTimeoutMs: 30_000,
      }),
    ).rejects.toThrow(/exited \(code 1\)[\s\S]*refusing to start: .*queues\.yaml: queues\[0\]\.teamSize: must be <= 16/);
  });

  it('lists the queues of GLACEON_QUEUES, and SIGHUP applies a new file (a bad one is refused)', async () => {
    const file = await writeQueuesFile({ queues: [...SHIPPED_QUEUES, THREE] });
    files.push(file);
    redis = await startRedis();
    const [port, internalPort] = [await freePort(), await freePort()];
    realm = await spawnService({
      entry: REALM_ENTRY,
      name: 'realm-queues',
      cwd: REPO_ROOT,
      env: {
        PORT: String(port),
        INTERNAL_PORT: String(internalPort),
        REDIS_URL: redis.url,
        GLACEON_INSECURE_DEV: '1',
        GLACEON_QUEUES: file.file,
        LOG_LEVEL: 'info',
      },
      readyPort: internalPort,
      readyTimeoutMs: 30_000,
    });
    const list = async () =>
      (await (await fetch(`http://127.0.0.1:${port}/v1/queues`)).json()) as { queues: { id: string; partySizes: number[]; description: string }[] };
    const first = await list();
    expect(first.queues.map((q) => q.id)).toEqual(['1v1', '2v2', '5v5', '3v3']);
    expect(first.queues[3]).toMatchObject({ partySizes: [1, 2, 3], description: THREE.description, readyCheckMs: 20_000, ranked: false });

    // Reload: 3v3 goes, 4v4 comes.
    await file.write({ queues: [...SHIPPED_QUEUES, { ...THREE, id: '4v4', name: 'Quads', teamSize: 4, partySizes: [1, 4] }] });
    process.kill(realm.pid, 'SIGHUP');
    await realm.waitForLine(/queue configuration reloaded/, 10_000);
    expect((await list()).queues.map((q) => q.id)).toEqual(['1v1', '2v2', '5v5', '4v4']);

    // A bad file is refused and the current queues stay.
    await file.write('queues:\n  - { id: 6v6, name: Six, teams: 2, teamSize: 6, partySizes: [7] }\n');
    process.kill(realm.pid, 'SIGHUP');
    await realm.waitForLine(/reload refused, keeping the current queues: .*queues\[0\]\.partySizes\[0\]: must be <= teamSize \(6\)/, 10_000);
    expect((await list()).queues.map((q) => q.id)).toEqual(['1v1', '2v2', '5v5', '4v4']);
  });
});
