/** @glaceon/bench: load and chaos commands that print JSON (see docs/coral.md). */
export { parseArgs, type BenchArgs } from './match/args.js';
export { runMatchBench } from './match/run.js';
