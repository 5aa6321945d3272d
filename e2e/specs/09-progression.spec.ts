import { test, expect } from '../fixtures/index.js';
import type { Page } from '@playwright/test';
import { allAccept, allSeeReadyCheck, befriend, createLobby, friendsList, queueHeading, register, uniqueName } from '../fixtures/player.js';

/** The sidebar's main navigation. */
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('after a full 1v1 match both players see the rating change and the other team, the game in their history, and themselves on the leaderboard', async ({
  launchers,
}) => {
  const [nA, nB] = ['aurora', 'frost'].map(uniqueName) as [string, string];
  const A = await launchers.open('A');
  const B = await launchers.open('B');
  const both = [A, B];
  const name = new Map([
    [A, nA],
    [B, nB],
  ]);
  const other = new Map([
    [A, nB],
    [B, nA],
  ]);

  await test.step('two friends each queue alone for a duel, accept, and play it out', async () => {
    await Promise.all([register(A, nA), register(B, nB)]);
    await befriend(A, B, nB, nA);
    for (const l of both) {
      await createLobby(l, /Duel \(1v1\)/);
      await l.page.getByRole('button', { name: 'Find match' }).click();
      await expect(queueHeading(l.page)).toBeVisible();
    }
    await allSeeReadyCheck(both);
    await allAccept(both);
    for (const l of both) await expect(l.page.locator('#main').getByText('In game', { exact: true })).toBeVisible();
  });

  const won = new Map<typeof A, boolean>();
  await test.step('the result shows victory or defeat, the rating change and both teams', async () => {
    for (const l of both) {
      await expect(l.page.getByRole('heading', { name: 'Your lobby', exact: true })).toBeVisible({ timeout: 30_000 });
      const result = l.page.getByRole('region', { name: 'Game result' });
      await expect(result.getByText(/^Rating [+−]\d+ now \d+$/)).toBeVisible();
      const mine = result.getByRole('region', { name: /^Team \d · (Victory|Defeat)$/ }).filter({ hasText: 'Your team' });
      const theirs = result.getByRole('region', { name: /^Team \d · (Victory|Defeat)$/ }).filter({ hasNotText: 'Your team' });
      await expect(mine).toContainText(name.get(l)!);
      await expect(theirs).toContainText(other.get(l)!);
      // Every player's rating before -> after is shown, with the change.
      await expect(theirs.getByLabel(new RegExp(`^${other.get(l)!}: rating \\d+ to \\d+, [+−±]\\d+$`))).toBeVisible();
      won.set(l, /Victory/.test((await mine.getAttribute('aria-label')) ?? ''));
    }
    expect(won.get(A)).not.toBe(won.get(B)); // one game, opposite outcomes
    await A.shot('result with rating change');
    await B.shot('result with rating change');
  });

  await test.step('the game is in both histories, with its details', async () => {
    for (const l of both) {
      await nav(l.page).getByRole('button', { name: 'Match history' }).click();
      await expect(l.page.getByRole('heading', { name: 'Your match history' })).toBeVisible();
      const games = l.page.getByRole('list', { name: 'Games' }).getByRole('listitem');
      await expect(games).toHaveCount(1);
      await expect(games.first()).toContainText(won.get(l) ? 'Victory' : 'Defeat');
      await expect(games.first()).toContainText('Duel (1v1)');
      await games.first().getByRole('button').click();
      const details = l.page.getByRole('region', { name: 'Game details' });
      await expect(details).toContainText(nA);
      await expect(details).toContainText(nB);
      await expect(details).toContainText('Finished');
    }
    await A.shot('match history');
  });

  await test.step('both are on the duel leaderboard, each seeing their own position', async () => {
    for (const l of both) {
      await nav(l.page).getByRole('button', { name: 'Leaderboards' }).click();
      await l.page.getByRole('tab', { name: 'Duel (1v1)' }).click();
      const board = l.page.getByRole('table', { name: 'Leaderboard' });
      const me = board.getByRole('row').filter({ hasText: name.get(l)! });
      await expect(me).toContainText('You');
      await expect(l.page.getByText(/^Your position: #\d+ · rating \d+$/)).toBeVisible();
      await expect(board.getByRole('row').filter({ hasText: other.get(l)! })).toBeVisible();
    }
    await B.shot('leaderboard');
  });

  await test.step("A opens B's profile from the friends list: one duel played", async () => {
    await friendsList(A.page)
      .getByRole('button', { name: `View ${nB}'s profile` })
      .click();
    await expect(A.page.getByRole('heading', { name: `${nB}'s profile` })).toBeVisible();
    const duel = A.page.getByRole('region', { name: 'Duel (1v1) rating' });
    await expect(duel).toContainText('Provisional · 1 of 5 games');
    await expect(duel.getByRole('definition').first()).toHaveText('1');
    await A.shot('friend profile');
  });
});
