/**
 * `npm start`: the whole local stack and the launcher, in one terminal.
 *   npm start [-- --bots N] [-- --corals K] [-- --no-launcher]
 * Starts its own Redis when REDIS_URL is unset. Ctrl-C stops everything.
 */
import { parseArgs } from 'node:util';
import { startStack, type Stack } from '@glaceon/devstack';

const { values } = parseArgs({
  options: {
    bots: { type: 'string', default: '0' },
    corals: { type: 'string', default: '2' },
    moonstones: { type: 'string', default: '2' },
    'no-launcher': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

const bots = Number(values.bots);
const coralCount = Number(values.corals);
if (!Number.isInteger(bots) || bots < 0 || bots > 200) throw new Error('--bots takes a whole number from 0 to 200');
if (!Number.isInteger(coralCount) || coralCount < 1 || coralCount > 8) throw new Error('--corals takes a whole number from 1 to 8');

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
  console.log('Starting Glaceon: Redis, Realm, Corals, nginx, Moonstones…');
  const stack: Stack = await startStack({
    redisUrl: process.env.REDIS_URL,
    corals: coralCount,
    moonstones: Number(values.moonstones),
    ports: { realm: 7300, lb: 7350 },
    notes: (line) => console.log(`note: ${line}`),
    onOutput: values.verbose ? (name, line) => console.log(`[${name}] ${line}`) : undefined,
  });
  stoppers.push(() => stack.stop());

  const rows: [string, string][] = [
    ['Redis', stack.redisUrl + (process.env.REDIS_URL ? '' : ' (started for you)')],
    ['Realm', stack.realmUrl + '  (OpenAPI: /openapi.json, health: /healthz)'],
    ['Coral', `${stack.coralUrl}  (${stack.usingNginx ? `nginx in front of ${stack.corals.length} Corals` : 'one Coral, no nginx'})`],
    ...stack.corals.map((c, i): [string, string] => [`  coral-${i + 1}`, `http://127.0.0.1:${c.port}  (/healthz, /metrics)`]),
    ...stack.moonstones.map((m, i): [string, string] => [`Moonstone ${i + 1}`, `127.0.0.1:${m.port}`]),
  ];

  if (!values['no-launcher']) {
    const { startLauncher } = await import('./start-launcher.js');
    const launcher = await startLauncher({ realmUrl: stack.realmUrl, coralUrl: stack.coralUrl, note: (l) => console.log(`note: ${l}`) });
    stoppers.push(launcher.stop);
    rows.push(['Glaceon', launcher.description]);
  }
  if (bots > 0) {
    const { startBots } = await import('./start-bots.js');
    const running = await startBots({ count: bots, realmUrl: stack.realmUrl, coralUrl: stack.coralUrl });
    stoppers.push(running.stop);
    rows.push(['Bots', bots === 1 ? '1 practice player waiting in Duel (1v1)' : `${bots} practice players: 1 waiting in Duel (1v1), ${bots - 1} in Doubles (2v2)`]);
  }

  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('\nGlaceon is running:\n');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log('\nPress Ctrl-C to stop everything.');
}

main().catch(async (error: unknown) => {
  console.error(`\nGlaceon could not start: ${(error as Error).message}`);
  await shutdown(1);
});
