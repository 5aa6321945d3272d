/** #12 items 8 and 15 on a real Realm process (server.ts): unsafe proxy trust is refused at start; metrics only on the internal listener. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnService, startRedis, type RedisHandle, type ServiceHandle } from '@glaceon/testkit';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const REALM_ENTRY = path.join(REPO_ROOT, 'apps/realm/src/server.ts');

describe('Realm process: start-time checks and listeners', () => {
  let redis: RedisHandle | undefined;
  let realm: ServiceHandle | undefined;
  afterAll(async () => {
    await realm?.stop();
    await redis?.stop();
  });

  it('TRUST_PROXY=true stops Realm with a clear message', async () => {
    const port = await freePort();
    await expect(
      spawnService({
        entry: REALM_ENTRY,
        name: 'realm-trust-proxy',
        cwd: REPO_ROOT,
        env: { PORT: String(port), TRUST_PROXY: 'true', REDIS_URL: 'redis://127.0.0.1:1', INTERNAL_PORT: '0' },
        readyPort: port,
        readyTimeoutMs: 30_000,
      }),
    ).rejects.toThrow(/exited \(code 1\)[\s\S]*refusing to start: TRUST_PROXY=true would trust every X-Forwarded-For/);
  });

  it('serves /metrics on the internal (loopback) listener only', async () => {
    redis = await startRedis();
    const [port, internalPort] = [await freePort(), await freePort()];
    realm = await spawnService({
      entry: REALM_ENTRY,
      name: 'realm-listeners',
      cwd: REPO_ROOT,
      env: { PORT: String(port), INTERNAL_PORT: String(internalPort), REDIS_URL: redis.url, GLACEON_INSECURE_DEV: '1', LOG_LEVEL: 'warn' },
      readyPort: internalPort,
      readyTimeoutMs: 30_000,
    });
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    const internal = await fetch(`http://127.0.0.1:${internalPort}/metrics`);
    expect(internal.status).toBe(200);
    expect(await internal.text()).toContain('realm_http_requests_total');
  });
});
