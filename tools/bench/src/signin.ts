/**
 * `npm run bench:signin -- [--seconds 10] [--concurrency 20] [--cpu 1]`: sign-in
 * throughput of one Realm process pinned to one core (taskset), against a real Redis
 * on 127.0.0.1. Closed loop: `concurrency` clients each sign in again as soon as the
 * last answer arrives, for `seconds`. Then the cost of abandoned sign-ins: 20 requests
 * whose clients hang up at once, and one sign-in right after, compared with an idle one.
 * Progress on stderr; the last line on stdout is one JSON object.
 */
import { connect } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { RealmClient } from '@glaceon/client';
import { freePort, spawnManaged, startRedis, waitForPort } from '@glaceon/testkit';
import { cpuMs, p50p99 } from './match/stats.js';

const REALM_ENTRY = new URL('../../../apps/realm/src/server.ts', import.meta.url).pathname;
const PASSWORD = 'bench-password-1234';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '20' },
    cpu: { type: 'string', default: String(Math.max(0, availableParallelism() - 1)) },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
if (!(seconds > 0 && seconds <= 300) || !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 200)) {
  throw new Error('--seconds takes 1..300 and --concurrency 1..200');
}
const log = (line: string) => process.stderr.write(`[bench:signin] ${line}\n`);

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Sign-ins whose clients hang up right after sending them. */
async function abandon(port: number, name: string, count: number): Promise<void> {
  // Unknown names: each is hashed (against the dummy hash) and paced on its own.
  const sockets = Array.from({ length: count }, (_, i) => {
    const body = JSON.stringify({ name: `${name}${i}${Math.random().toString(36).slice(2, 6)}`, password: 'a wrong guess, abandoned' });
    const s = connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    s.write(
      `POST /v1/sessions HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    return s;
  });
  await new Promise((r) => setTimeout(r, 20));
  for (const s of sockets) s.destroy();
}

const redis = await startRedis();
const port = await freePort();
const internalPort = await freePort();
const realm = spawnManaged('taskset', ['-c', values.cpu, process.execPath, '--conditions=glaceon-source', '--import', 'tsx', REALM_ENTRY], {
  name: 'realm',
  env: {
    ...process.env,
    PORT: String(port),
    INTERNAL_PORT: String(internalPort),
    HOST: '127.0.0.1',
    REDIS_URL: redis.url,
    LOG_LEVEL: 'warn',
    GLACEON_INSECURE_DEV: '1',
    // Every bench client shares one address: the per-address limits are not what is measured.
    RL_SIGNIN_MAX: '1000000',
    RL_REGISTER_MAX: '1000000',
    RL_SIGNIN_ACCOUNT_MAX: '1000000',
  },
});
try {
  await waitForPort(port, '127.0.0.1', 30_000);
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`Realm pid ${realm.pid} pinned to CPU ${values.cpu}; registering ${concurrency} accounts`);
  const names = await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      const name = `bench${i}_${Math.random().toString(36).slice(2, 8)}`;
      await new RealmClient({ baseUrl }).register(name, PASSWORD);
      return name;
    }),
  );

  log(`closed loop: ${concurrency} clients for ${seconds} s`);
  const latencies: number[] = [];
  let errors = 0;
  const cpuBefore = cpuMs(realm.pid);
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    names.map(async (name) => {
      const client = new RealmClient({ baseUrl });
      while (performance.now() < end) {
        try {
          latencies.push(await timed(() => client.signIn(name, PASSWORD)));
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const realmCpuMs = cpuMs(realm.pid) - cpuBefore;

  log('abandoned sign-ins: idle sign-in vs one right after 20 abandoned ones');
  const idle: number[] = [];
  const afterAbandoned: number[] = [];
  for (let round = 0; round < 5; round++) {
    await new Promise((r) => setTimeout(r, 300));
    idle.push(await timed(() => new RealmClient({ baseUrl }).signIn(names[0]!, PASSWORD)));
    await abandon(port, names[1]!, 20);
    afterAbandoned.push(await timed(() => new RealmClient({ baseUrl }).signIn(names[0]!, PASSWORD)));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const { p50, p99 } = p50p99(latencies);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'signin',
      realmCpu: Number(values.cpu),
      concurrency,
      seconds: Math.round(elapsed * 10) / 10,
      signIns: latencies.length,
      errors,
      signInsPerSec: Math.round((latencies.length / elapsed) * 10) / 10,
      latencyMs: { p50, p99 },
      realmCpuMsPerSignIn: Math.round((realmCpuMs / Math.max(1, latencies.length)) * 10) / 10,
      idleSignInMs: Math.round(median(idle)),
      signInAfter20AbandonedMs: Math.round(median(afterAbandoned)),
      loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
    })}\n`,
  );
} finally {
  await realm.stop();
  await redis.stop();
}
process.exit(0);
