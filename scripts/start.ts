/**
 * `npm start`: the whole local stack and the launcher, in one terminal.
 *   npm start [-- --bots N] [-- --players 2] [-- --fresh] [-- --corals K] [-- --realms R] [-- --cluster] [-- --no-launcher]
 * Starts its own Redis when REDIS_URL is unset, keeping its data in .glaceon/data
 * (accounts survive a restart; --fresh starts empty). Watches every process it
 * started and says which one died. Ctrl-C stops everything.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, startStack, superviseStack, type Stack } from '@glaceon/devstack';

const { values } = parseArgs({
  options: {
    bots: { type: 'string', default: '0' },
    players: { type: 'string', default: '1' },
    corals: { type: 'string', default: '2' },
    moonstones: { type: 'string', default: '2' },
    realms: { type: 'string', default: '1' },
    cluster: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    'no-launcher': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} takes a whole number from ${min} to ${max}`);
  return n;
}
const bots = wholeNumber('bots', values.bots, 0, 200);
const players = wholeNumber('players', values.players, 1, 4);
const coralCount = wholeNumber('corals', values.corals, 1, 8);
const moonstoneCount = wholeNumber('moonstones', values.moonstones, 1, 8);
const realmCount = wholeNumber('realms', values.realms, 1, 4);
const dataDir = path.join(REPO_ROOT, '.glaceon/data/redis');

const stoppers: (() => Promise<void>)[] = [];
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping Glaceon…');
    for (const stop of stoppers.reverse()) await stop().catch((e: unknown) => console.error(e));
    console.log('Stopped. No process left behind.');
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main(): Promise<void> {
  const ownRedis = !process.env.REDIS_URL;
  if (ownRedis && values.fresh) rmSync(dataDir, { recursive: true, force: true });
  console.log('Starting Glaceon: Redis, Realm, Corals, nginx, Moonstones…');
  const stack: Stack = await startStack({
    redisUrl: process.env.REDIS_URL,
    redisDataDir: dataDir,
    // A throwaway 3-master cluster with a replica each (what production runs; no persistence).
    ...(values.cluster && ownRedis ? { cluster: { replicasPerMaster: 1 } } : {}),
    realms: realmCount,
    corals: coralCount,
    moonstones: moonstoneCount,
    ports: { realm: 7300, lb: 7350 },
    notes: (line) => console.log(`note: ${line}`),
    onOutput: values.verbose ? (name, line) => console.log(`[${name}] ${line}`) : undefined,
  });
  stoppers.push(() => stack.stop());
  const supervisor = superviseStack(stack.watched, { isStopping: () => stopping, log: (line) => console.error(line) });
  stoppers.push(async () => supervisor.stop());

  const redisNote = !ownRedis
    ? ''
    : values.cluster
      ? ' (a throwaway Redis Cluster: 3 masters, 1 replica each; --cluster keeps no data)'
      : values.fresh
        ? ' (started for you, empty: --fresh)'
        : ` (started for you; data kept in ${path.relative(REPO_ROOT, dataDir)}, --fresh to start empty)`;
  const rows: [string, string][] = [
    ['Redis', stack.redisUrl + redisNote],
    ['Realm', stack.realmUrl + '  (OpenAPI: /openapi.json, health: /healthz)'],
    ...stack.realmUrls.slice(1).map((u, i): [string, string] => [`  realm-${i + 2}`, u]),
    ['Coral', `${stack.coralUrl}  (${stack.usingNginx ? `nginx in front of ${stack.corals.length} Corals` : 'one Coral, no nginx'})`],
    ...stack.corals.map((c, i): [string, string] => [
      `  coral-${i + 1}`,
      `http://127.0.0.1:${c.port}  (/healthz; internal: ${stack.coralInternalUrls[i]} /metrics, fleet API)`,
    ]),
    ...stack.moonstones.map((m, i): [string, string] => {
      // A queue file with regions names each Moonstone after its region (moonstone-<n>-<region>).
      const region = /^moonstone-\d+-(.+)$/.exec(m.name)?.[1];
      return [`Moonstone ${i + 1}`, `127.0.0.1:${m.port}${region ? `  (region ${region})` : ''}`];
    }),
    // GLACEON_QUEUES with regions: each region's ping endpoint (launchers measure their latency against it).
    ...stack.pingEndpoints.map((p): [string, string] => [`  ping ${p.region}`, p.url]),
  ];

  if (!values['no-launcher']) {
    const { startLauncher } = await import('./start/launcher.js');
    for (let profile = 1; profile <= players; profile++) {
      const launcher = await startLauncher({ realmUrl: stack.realmUrl, coralUrl: stack.coralUrl, profile, note: (l) => console.log(`note: ${l}`) });
      stoppers.push(launcher.stop);
      rows.push([players === 1 ? 'Glaceon' : `Glaceon (player ${profile})`, launcher.description]);
    }
  }
  if (bots > 0) {
    const { startBots } = await import('./start/bots.js');
    const running = await startBots({ count: bots, realmUrl: stack.realmUrl, coralUrl: stack.coralUrl });
    stoppers.push(running.stop);
    rows.push([
      'Bots',
      bots === 1 ? '1 practice player waiting in Duel (1v1)' : `${bots} practice players: 1 waiting in Duel (1v1), ${bots - 1} in Doubles (2v2)`,
    ]);
  }

  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('\nGlaceon is running:\n');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log('\nEvery process is watched: if one dies you will see it here. Press Ctrl-C to stop everything.');
}

main().catch(async (error: unknown) => {
  console.error(`\nGlaceon could not start: ${(error as Error).message}`);
  await shutdown(1);
});
