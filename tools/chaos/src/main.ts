/**
 * `npm run chaos -- --minutes M --corals 4 --realms 2 --moonstones 4 --rate R --seed S [--cluster]`
 * Progress goes to stderr; the last line on stdout is one JSON object (see README
 * "Chaos soak" and docs/operations.md). Exit code 1 when an invariant was broken.
 */
import { stopAllManaged } from '@glaceon/testkit';
import { parseArgs } from './args.js';
import { runChaos } from './run.js';

// The local stack is a development setup: say so once, loudly (services read this switch).
process.env.GLACEON_INSECURE_DEV ??= '1';

const args = parseArgs(process.argv.slice(2));
const t0 = Date.now();
const note = (line: string) => process.stderr.write(`[chaos +${Math.round((Date.now() - t0) / 1000)}s] ${line}\n`);
try {
  const result = await runChaos(args, note);
  for (const v of result.violations) note(`VIOLATION ${v}`);
  const ok = result.doubleMatched === 0 && result.stranded === 0 && result.stuck === 0 && result.leftTwice === 0 && result.unendedGames === 0;
  const { violations: _omit, ...summary } = result;
  process.stdout.write(`${JSON.stringify({ ...summary, ok })}\n`);
  // Exit now: keep-alive HTTP agents and closed sockets' timers must not hold the verdict back.
  process.exit(ok ? 0 : 1);
} catch (error) {
  note(`chaos run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await stopAllManaged();
  process.exit(2);
}
