// Print one closing line, "tests: N passed, N failed", from the JSON reports.
import { existsSync, readFileSync } from 'node:fs';
const dir = process.argv[2] ?? '.test-results';
let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = `${dir}/vitest.json`;
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
const pw = `${dir}/playwright.json`;
if (existsSync(pw)) {
  const s = JSON.parse(readFileSync(pw, 'utf8')).stats;
  passed += s.expected;
  failed += s.unexpected + (s.flaky ?? 0);
  skipped += s.skipped;
}
// The chaos soak counts as one test: its verdict is the last line it printed (JSON with `ok`).
const chaos = `${dir}/chaos.out`;
if (existsSync(chaos)) {
  const last = readFileSync(chaos, 'utf8').trim().split('\n').at(-1) ?? '';
  let ok = false;
  try {
    ok = JSON.parse(last).ok === true;
  } catch {
    // no verdict line: the run failed before checking
  }
  if (ok) passed += 1;
  else failed += 1;
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 || failed > 0) process.exit(1);
