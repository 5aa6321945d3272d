// After the tests: no redis-server, nginx or Glaceon service started by THIS run may
// still be running. Every process the run starts inherits GLACEON_TEST_RUN=<id> (set by
// scripts/test-all.sh), so another run, a benchmark or `npm start` on the same machine is
// never touched. Anything of ours left is reported, killed, and fails the run.
import { readdirSync, readFileSync } from 'node:fs';

const runId = process.env.GLACEON_TEST_RUN;
if (!runId) {
  console.error('check-leftovers: GLACEON_TEST_RUN is not set (run it through scripts/test-all.sh)');
  process.exit(2);
}
const marker = `GLACEON_TEST_RUN=${runId}`;
const leftovers = [];
for (const entry of readdirSync('/proc')) {
  const pid = Number(entry);
  if (!Number.isInteger(pid) || pid === process.pid || pid === process.ppid) continue;
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    if (!environ.includes(marker)) continue;
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    if (/glaceon-testkit-|glaceon-e2e-|glaceon-stack-|redis-server|nginx/.test(args)) leftovers.push({ pid, args });
  } catch {
    // gone, or not ours to read
  }
}
if (leftovers.length > 0) {
  console.error(`Processes left behind by the tests:\n${leftovers.map((l) => `${l.pid} ${l.args}`).join('\n')}`);
  for (const { pid } of leftovers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  process.exit(1);
}
console.log('none');
