import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '../fixtures/index.js';
import { allAccept, allSeeReadyCheck, createLobby, onyxArgvs, queueHeading, readyCheck, register, uniqueName } from '../fixtures/player.js';

// Its own stack (Playwright starts a worker for these options): Realm and both Corals read a queue
// file that keeps only 1v1 and adds "Brawl", a queue no package knows: nothing about it is compiled
// into the launcher, Realm or Coral.
const dir = mkdtempSync(path.join(tmpdir(), 'glaceon-e2e-queues-'));
const queuesFile = path.join(dir, 'queues.yaml');
writeFileSync(
  queuesFile,
  [
    'queues:',
    '  - { id: 1v1, name: Duel (1v1), description: One against one., teams: 2, teamSize: 1 }',
    '  - id: brawl',
    '    name: Brawl (solo)',
    '    description: A queue only the configuration file defines.',
    '    teams: 2',
    '    teamSize: 1',
    '    readyCheckMs: 15000',
    '',
  ].join('\n'),
);
test.use({ stackOptions: { queuesFile } });

test('a queue only the configuration defines: listed, queued, matched and played', async ({ launchers, stack }) => {
  const [nA, nB] = ['sastrugi', 'nunatak'].map(uniqueName) as [string, string];
  const A = await launchers.open('A');
  const B = await launchers.open('B');
  await Promise.all([register(A, nA), register(B, nB)]);

  await test.step('the home screen lists exactly the queues Realm serves, with their descriptions', async () => {
    const modes = A.page.getByRole('radiogroup', { name: 'Game mode' }).getByRole('radio');
    await expect(modes).toHaveCount(2);
    await expect(modes.nth(0)).toContainText('Duel (1v1)');
    await expect(modes.nth(1)).toContainText('Brawl (solo)');
    await expect(modes.nth(1)).toContainText('A queue only the configuration file defines.');
    await A.shot('configured queues');
  });

  await test.step('both create a Brawl lobby and queue', async () => {
    for (const l of [A, B]) {
      await createLobby(l, /Brawl \(solo\)/);
      await expect(l.page.getByText(/Brawl \(solo\) · 1 of 1 player/)).toBeVisible();
    }
    // A alone first: the queue screen names the configured queue (B's entry then makes the match).
    await A.page.getByRole('button', { name: 'Find match' }).click();
    await expect(queueHeading(A.page)).toBeVisible();
    await expect(A.page.locator('#main').getByText('Brawl (solo)')).toBeVisible();
    // Alone in the queue, A is told why nothing happens yet, in words (queue.status's `why`).
    await expect(A.page.getByLabel('Why it takes a while')).toHaveText(
      /^No other players near your skill right now; a match needs 1 more\. Widening the search\.$/,
      { timeout: 20_000 },
    );
    await A.shot('queued in a configured queue');
    await B.page.getByRole('button', { name: 'Find match' }).click();
  });

  await test.step('the ready check names the queue; both accept and Onyx joins one game', async () => {
    await allSeeReadyCheck([A, B]);
    await expect(readyCheck(A.page)).toContainText('Brawl (solo)');
    await allAccept([A, B]);
    for (const l of [A, B]) await expect(l.page.locator('#main').getByText('In game', { exact: true })).toBeVisible();
    const servers = stack.moonstones.map((m) => `127.0.0.1:${m.port}`);
    const [a, b] = [(await onyxArgvs(A))[0]!, (await onyxArgvs(B))[0]!];
    expect(servers).toContain(a[1]);
    expect(b[3]).toBe(a[3]); // the same game
  });
});
