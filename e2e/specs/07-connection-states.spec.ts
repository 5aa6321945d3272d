import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/index.js';
import { createLobby, inviteLink, queueHeading, readyCheck, register, uniqueName } from '../fixtures/player.js';

/*
 * Issue #18, "states the player can trust" and "attention": Realm is stopped and
 * started under signed-in players, a page reloads during the outage, a match is found
 * while a page is hidden, and finally the backend comes back without the sessions.
 * Destructive: its own stack (Playwright gives these options their own worker).
 */
test.use({ stackOptions: { corals: 1, moonstones: 1 } });
test.describe.configure({ mode: 'serial' });

const banner = (page: Page) => page.locator('#outage-banner');

test('Realm stopped: the banner appears within 5 s, network actions are disabled, and both recover when it returns', async ({ launchers, stack }) => {
  const A = await launchers.open('A');
  await register(A, uniqueName('rime'));
  const create = A.page.getByRole('button', { name: 'Create lobby' });
  await expect(create).toBeEnabled();

  await stack.realm.process.stop();
  const stoppedAt = Date.now();
  await expect(banner(A.page)).toContainText("Can't reach Glaceon", { timeout: 5_000 });
  expect(Date.now() - stoppedAt).toBeLessThanOrEqual(5_000);
  await expect(create).toBeDisabled();
  await expect(A.page.getByRole('button', { name: 'Add', exact: true })).toBeDisabled();
  // The countdown names the next attempt (at most 5 s away) and "Retry now" is offered.
  await expect(banner(A.page)).toContainText(/Retrying (in [1-5] s|now)/);
  await expect(banner(A.page).getByRole('button', { name: 'Retry now' })).toBeVisible();
  await A.shot('realm down banner');

  await stack.realm.restart();
  await expect(banner(A.page)).toHaveCount(0, { timeout: 15_000 });
  await expect(create).toBeEnabled();
  await create.click();
  await expect(A.page.getByRole('heading', { name: 'Your lobby' })).toBeVisible();
});

test('a reload during an outage shows the lobby marked stale (with its invite link), then the live lobby', async ({ launchers, stack }) => {
  const A = await launchers.open('A');
  await register(A, uniqueName('hoar'));
  await createLobby(A, /2v2/);
  const link = await inviteLink(A);

  await stack.realm.process.stop();
  await expect(banner(A.page)).toContainText("Can't reach Glaceon", { timeout: 5_000 });
  await A.page.reload();
  await expect(A.page.getByRole('heading', { name: 'Your lobby' })).toBeVisible();
  await expect(A.page.getByRole('button', { name: 'Create lobby' })).toHaveCount(0);
  await expect(banner(A.page)).toContainText('last knew');
  await expect(A.page.getByRole('textbox', { name: 'Invite link' })).toHaveValue(link);
  await A.shot('stale lobby after reload');

  await stack.realm.restart();
  await expect(banner(A.page)).toHaveCount(0, { timeout: 15_000 });
  await expect(A.page.getByRole('heading', { name: 'Your lobby' })).toBeVisible();
  // Realm stores invites hashed: the link survives the reload only because the launcher kept it.
  await expect(A.page.getByRole('textbox', { name: 'Invite link' })).toHaveValue(link);
});

test('match found in a hidden page: the tab title flashes and a Notification is shown (permission granted)', async ({ launchers }) => {
  const A = await launchers.open('A');
  const B = await launchers.open('B');
  await Promise.all([register(A, uniqueName('sleet')), register(B, uniqueName('graupel'))]);
  await A.page.context().grantPermissions(['notifications'], { origin: new URL(A.page.url()).origin });
  // Record notifications and hide A's page (headless pages are always "visible", so visibility is set by hand).
  await A.page.evaluate(() => {
    const Real = window.Notification;
    const shown: { title: string; body: string | undefined }[] = [];
    (window as unknown as { __shown: typeof shown }).__shown = shown;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body });
      }
    }
    window.Notification = Recording;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  for (const l of [A, B]) {
    await createLobby(l, 'Duel (1v1)');
    await l.page.getByRole('button', { name: 'Find match' }).click();
    await expect(queueHeading(l.page)).toBeVisible();
  }
  await expect(readyCheck(A.page)).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => A.page.title(), { timeout: 5_000 }).toBe('★ Match found! ★');
  await expect
    .poll(() => A.page.evaluate(() => (window as unknown as { __shown: { title: string; body?: string }[] }).__shown))
    .toEqual([{ title: 'Match found!', body: expect.stringMatching(/^Accept within \d+ seconds\.$/) }]);
  // B's page is visible: no flash there.
  await expect(readyCheck(B.page)).toBeVisible();
  expect(await B.page.title()).not.toContain('Match found');
  await A.shot('hidden page title flash');

  // Seen again: the title stops flashing.
  await A.page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => A.page.title()).not.toContain('Match found');
  await readyCheck(A.page).getByRole('button', { name: 'Decline' }).click();
  await expect(readyCheck(B.page)).toHaveCount(0);
});

test('the backend restarts without the sessions: the launcher signs out with a one-line reason', async ({ launchers, stack }) => {
  const A = await launchers.open('A');
  const name = uniqueName('firn');
  await register(A, name);
  // A backend restart that lost its data (npm start's throwaway Redis does exactly this).
  execFileSync('redis-cli', ['-u', stack.redisUrl, 'FLUSHALL']);
  await stack.realm.restart();
  await expect(A.page.getByRole('tab', { name: 'Sign in' })).toBeVisible({ timeout: 20_000 });
  await expect(A.page.getByRole('alert')).toHaveText('Your session has ended (the server no longer knows it). Please sign in again.');
  await A.shot('signed out with a reason');
});
