/**
 * `npm run bench:match -- --players N --corals K --mode M` or `--rate R --seconds S`, or the ladder
 * `--ladder 400,800,1200 --seconds 10 --pin-servers 0 --pin-clients 1` (match/ladder.ts):
 * a whole-flow matchmaking benchmark on 127.0.0.1. Progress goes to stderr;
 * the last line on stdout is one JSON object with the results.
 */
import { parseArgs } from './match/args.js';
import { runLadder } from './match/ladder.js';
import { runMatchBench } from './match/run.js';

try {
  const args = parseArgs(process.argv.slice(2));
  const result = args.ladder ? await runLadder({ ...args, ladder: args.ladder }) : await runMatchBench(args);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
