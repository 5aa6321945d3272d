import { test, expect } from '../fixtures/index.js';
import {
  allAccept,
  allSeeReadyCheck,
  createLobby,
  deliverDeepLink,
  playersSearching,
  inviteLink,
  joinDialog,
  members,
  queueHeading,
  queueSeconds,
  readyCheck,
  register,
  uniqueName,
} from '../fixtures/player.js';

test("a player declines: the others search on with their original queue time, the decliner's lobby is idle and says why", async ({ launchers }) => {
  const [nA, nB, nC, nD] = ['hail', 'sleet', 'rime', 'thaw'].map(uniqueName) as [string, string, string, string];
  const [A, B, C, D] = await Promise.all(['A', 'B', 'C', 'D'].map((n) => launchers.open(n)));
  await Promise.all([register(A!, nA), register(B!, nB), register(C!, nC), register(D!, nD)]);
  const [a, b, c, d] = [A!, B!, C!, D!];

  await test.step("B joins A's lobby from a glaceon:// deep link handed to the running launcher", async () => {
    await createLobby(a, /Doubles \(2v2\)/);
    const link = await inviteLink(a);
    await deliverDeepLink(b, link);
    const dialog = joinDialog(b.page);
    await expect(dialog.getByRole('heading', { name: `Join ${nA}'s lobby?` })).toBeVisible();
    await b.shot('deep link asks before joining');
    await dialog.getByRole('button', { name: 'Join lobby' }).click();
    // The lobby can show behind the dialog (Realm's push) before the join's reply closes it.
    await expect(dialog).toBeHidden();
    await expect(b.page.getByRole('heading', { name: `${nA}'s lobby`, exact: true })).toBeVisible();
    await expect(members(a.page)).toContainText(nB);
  });

  let before = 0;
  let readAt = 0;
  await test.step('A queues first and waits a few seconds; C and D queue alone', async () => {
    await a.page.getByRole('button', { name: 'Find match' }).click();
    await expect(queueHeading(b.page)).toBeVisible();
    await expect.poll(() => queueSeconds(a.page), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    before = await queueSeconds(a.page);
    readAt = Date.now();
    await expect.poll(() => playersSearching(a.page)).toBe(2); // A and B
    await a.shot('queued a while');
    await createLobby(c, /Doubles \(2v2\)/);
    await createLobby(d, /Doubles \(2v2\)/);
    await c.page.getByRole('button', { name: 'Find match' }).click();
    await d.page.getByRole('button', { name: 'Find match' }).click();
  });

  await test.step('the ready check: A, B and C accept, D declines', async () => {
    await allSeeReadyCheck([a, b, c, d]);
    await allAccept([a, b, c]);
    await expect(readyCheck(a.page)).toContainText(/Waiting for the others/);
    await d.shot('ready check before declining');
    await d.page.getByRole('alertdialog').getByRole('button', { name: 'Decline' }).click();
  });

  await test.step('the others are searching again, A with the time counted from the first start', async () => {
    for (const l of [a, b, c]) {
      await expect(readyCheck(l.page)).toBeHidden();
      await expect(queueHeading(l.page)).toBeVisible();
      // #15: everyone is told who declined.
      await expect(l.page.getByText(`${nD} declined. You are back in the queue with your original queue time.`)).toBeVisible();
    }
    const passed = Math.floor((Date.now() - readAt) / 1000);
    // From zero it would read about the seconds since the match was cancelled; from the first start it is at least before + passed.
    await expect.poll(() => queueSeconds(a.page)).toBeGreaterThanOrEqual(before + passed - 1);
    await a.shot('back in the queue with the original time');
    await c.shot('back in the queue');
  });

  await test.step("the decliner's lobby is idle and says why", async () => {
    await expect(d.page.getByRole('heading', { name: 'Your lobby' })).toBeVisible();
    await expect(d.page.getByRole('button', { name: 'Find match' })).toBeVisible();
    await expect(d.page.getByRole('status').filter({ hasText: 'declined' })).toHaveText('You declined the match, so your lobby left the queue.');
    await d.shot('idle lobby says why');
  });

  await test.step('A cancels; the lobby is idle for both A and B', async () => {
    await a.page.getByRole('button', { name: 'Cancel search' }).click();
    await expect(a.page.getByRole('heading', { name: 'Your lobby' })).toBeVisible();
    await expect(b.page.getByRole('heading', { name: `${nA}'s lobby`, exact: true })).toBeVisible();
  });
});

test('a launcher closed and reopened while queued comes back to the queue screen', async ({ launchers }) => {
  const name = uniqueName('drift');
  const A = await launchers.open('A');
  await register(A, name);
  await createLobby(A, 'Duel (1v1)');
  await A.page.getByRole('button', { name: 'Find match' }).click();
  await expect(queueHeading(A.page)).toBeVisible();
  await expect.poll(() => queueSeconds(A.page)).toBeGreaterThanOrEqual(2);
  const before = await queueSeconds(A.page);
  await A.shot('queued');
  await A.restart();
  await expect(queueHeading(A.page)).toBeVisible();
  await expect(A.page.getByText('Matchmaking: Connected')).toBeVisible();
  // Restored from the server: the clock goes on from where it was, not from zero.
  await expect.poll(() => queueSeconds(A.page)).toBeGreaterThanOrEqual(before);
  await A.shot('queue after restart');
  await A.page.getByRole('button', { name: 'Cancel search' }).click();
  await expect(A.page.getByRole('heading', { name: 'Your lobby' })).toBeVisible();
});
