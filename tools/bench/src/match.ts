/**
 * `npm run bench:match -- --players N --corals K --mode M` or `--rate R --seconds S`:
 * a whole-flow matchmaking benchmark on 127.0.0.1. Progress goes to stderr;
 * the last line on stdout is one JSON object with the results.
 */
import { parseArgs } from './match/args.js';
import { runMatchBench } from './match/run.js';

try {
  const args = parseArgs(process.argv.slice(2));
  const result = await runMatchBench(args);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
