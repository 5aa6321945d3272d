import { test, expect } from '../fixtures/index.js';
import { allAccept, allSeeReadyCheck, createLobby, queueHeading, queueSeconds, register, uniqueName } from '../fixtures/player.js';

// Destructive: its own stack (Playwright starts a separate worker for these options), two Corals behind nginx, one Moonstone.
test.use({ stackOptions: { corals: 2, moonstones: 1 } });

/** Open matchmaking sockets on one Coral, from its Prometheus metrics (on its internal listener). */
async function connections(internalUrl: string): Promise<number> {
  const res = await fetch(`${internalUrl}/metrics`);
  const m = /^coral_connections(?:\{[^}]*\})? (\d+)/m.exec(await res.text());
  return m ? Number(m[1]) : 0;
}

test('a Coral is killed while its player is queued: the launcher reconnects through nginx and the match still happens', async ({ launchers, stack }) => {
  expect(stack.usingNginx, 'this scenario needs nginx in front of two Corals (apt-get install nginx-light libnginx-mod-stream)').toBe(true);
  const [nA, nB] = ['ember', 'flint'].map(uniqueName) as [string, string];
  const A = await launchers.open('A');
  const B = await launchers.open('B');
  await Promise.all([register(A, nA), register(B, nB)]);

  let victim = -1;
  await test.step('A queues for a duel; find the Coral that holds A', async () => {
    await createLobby(A, 'Duel (1v1)');
    await A.page.getByRole('button', { name: 'Find match' }).click();
    await expect(queueHeading(A.page)).toBeVisible();
    await expect.poll(async () => (await Promise.all(stack.coralInternalUrls.map((url) => connections(url)))).reduce((s, n) => s + n, 0)).toBe(1);
    const counts = await Promise.all(stack.coralInternalUrls.map((url) => connections(url)));
    victim = counts.indexOf(1);
    await expect.poll(() => queueSeconds(A.page)).toBeGreaterThanOrEqual(2);
    await A.shot('queued before the kill');
  });

  const before = await queueSeconds(A.page);
  await test.step('SIGKILL that Coral: A reconnects to the other one and is still searching', async () => {
    const dead = stack.corals[victim]!;
    dead.process.kill('SIGKILL');
    await dead.process.exited;
    await expect.poll(() => connections(stack.coralInternalUrls[1 - victim]!), { timeout: 30_000 }).toBe(1);
    await expect(A.page.getByText('Matchmaking: Connected')).toBeVisible();
    await expect(queueHeading(A.page)).toBeVisible();
    await expect.poll(() => queueSeconds(A.page)).toBeGreaterThanOrEqual(before);
    await A.shot('still queued after the kill');
  });

  await test.step('B queues: the match happens, both play and come back with the result', async () => {
    await createLobby(B, 'Duel (1v1)');
    await B.page.getByRole('button', { name: 'Find match' }).click();
    await allSeeReadyCheck([A, B]);
    await A.shot('ready check after failover');
    await allAccept([A, B]);
    for (const l of [A, B]) await expect(l.page.locator('#main').getByText('In game', { exact: true })).toBeVisible({ timeout: 30_000 });
    await A.shot('in game after failover');
    for (const l of [A, B]) {
      await expect(l.page.getByRole('heading', { name: 'Your lobby' })).toBeVisible({ timeout: 30_000 });
      await expect(l.page.getByText(/Victory!|Defeat\.|The game is over/)).toBeVisible();
    }
    await A.shot('back in lobby after failover');
  });
});
