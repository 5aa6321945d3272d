import { test, expect } from '../fixtures/index.js';
import { allAccept, allSeeReadyCheck, createLobby, onyxLogs, queueHeading, register, uniqueName } from '../fixtures/player.js';

/*
 * Issue #12, item 10: a player whose game client quit leaves the running game from the launcher
 * ("Leave game"), through the real dev bridge, Coral, the reference Moonstone and Onyx. Coral has
 * the game server release them first; their lobby is idle again while the other player plays on.
 */

// A game long enough to still be running when the player leaves, on a loaded machine.
test.use({ stackOptions: { corals: 1, moonstones: 1, gameLengthMs: 120_000 } });

test('Onyx quit while the game runs: Leave game returns the player to the lobby; the other player plays on', async ({ launchers }) => {
  const [nA, nB] = [uniqueName('gale'), uniqueName('mist')];
  const [A, B] = await Promise.all(['A', 'B'].map((n) => launchers.open(n)));
  const [a, b] = [A!, B!];
  await Promise.all([register(a, nA), register(b, nB)]);

  await test.step('both queue alone in 1v1, accept and play', async () => {
    await createLobby(a, 'Duel (1v1)');
    await createLobby(b, 'Duel (1v1)');
    await a.page.getByRole('button', { name: 'Find match' }).click();
    await expect(queueHeading(a.page)).toBeVisible();
    await b.page.getByRole('button', { name: 'Find match' }).click();
    await allSeeReadyCheck([a, b]);
    await allAccept([a, b]);
    for (const l of [a, b]) await expect(l.page.locator('#main').getByText('In game', { exact: true })).toBeVisible({ timeout: 30_000 });
    // Both game clients really joined the game on the server (not just started).
    for (const l of [a, b]) await expect.poll(async () => (await onyxLogs(l)).join('\n'), { timeout: 30_000 }).toMatch(/joined game/);
    // No way to leave while the game client runs.
    await expect(a.page.getByRole('button', { name: 'Leave game' })).toHaveCount(0);
  });

  await test.step("A's game client quits (Ctrl+C): the launcher offers Rejoin and Leave game", async () => {
    // The launcher's own view of its Onyx (the bridge's state), as the game screen reads it.
    type Bridge = { glaceon: { getOnyxState(): Promise<{ status: string; pid?: number }> } };
    const onyx = await a.page.evaluate(async () => (window as unknown as Bridge).glaceon.getOnyxState());
    if (onyx.status !== 'running' || !onyx.pid) throw new Error(`Onyx is ${onyx.status}`);
    process.kill(onyx.pid, 'SIGINT');
    await expect(a.page.getByRole('button', { name: 'Rejoin game' })).toBeVisible({ timeout: 15_000 });
    await expect(a.page.getByRole('button', { name: 'Leave game' })).toBeVisible();
    await a.shot('game client quit, leave offered');
  });

  await test.step('A leaves: back in the lobby with the reason; B is still in the game', async () => {
    const leave = a.page.getByRole('button', { name: 'Leave game' });
    // The server reports the departure about a second after Onyx quit; until then Coral refuses with a reason.
    await expect(async () => {
      await leave.click();
      await expect(a.page.getByText('Your lobby left the game before it ended. You can queue again.')).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    await expect(a.page.getByRole('heading', { name: 'Your lobby', exact: true })).toBeVisible();
    await expect(a.page.getByRole('button', { name: 'Find match' })).toBeEnabled();
    await a.shot('back in the lobby after leaving');
    await expect(b.page.locator('#main').getByText('In game', { exact: true })).toBeVisible();
  });
});
