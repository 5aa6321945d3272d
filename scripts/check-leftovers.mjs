// After the tests: no redis-server, nginx or Glaceon service may still run from
// the test kit's temp folders. Anything left is reported (and killed) and fails the run.
import { execFileSync } from 'node:child_process';
const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
const leftovers = out
  .split('\n')
  .filter((line) => /glaceon-testkit-|glaceon-e2e-|glaceon-stack-/.test(line) && !line.includes('check-leftovers'));
if (leftovers.length > 0) {
  console.error(`Processes left behind by the tests:\n${leftovers.join('\n')}`);
  for (const line of leftovers) {
    try { process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL'); } catch { /* gone */ }
  }
  process.exit(1);
}
console.log('none');
