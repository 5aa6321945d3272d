import { test, expect } from '../fixtures/index.js';
import { PASSWORD, register, uniqueName } from '../fixtures/player.js';
import type { Page } from '@playwright/test';

const alert = (page: Page) => page.getByRole('main').getByRole('alert');

/** Submit the sign-in form and wait for Realm's answer (the alert text alone cannot tell two equal answers apart). */
async function signIn(page: Page, name: string, password: string): Promise<number> {
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/v1/sessions') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  return response.status();
}

test('sign-in and sign-up errors are shown clearly, then the per-account limit', async ({ launchers }) => {
  const name = uniqueName('tundra');
  const owner = await launchers.open('owner');
  await register(owner, name);
  const other = await launchers.open('other');
  const page = other.page;

  await test.step('validation before anything is sent', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(alert(page)).toHaveText('Enter your display name and password.');
    await other.shot('sign in empty');
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Display name').fill('a!');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(alert(page)).toHaveText('Display names are 3 to 20 letters, digits, dots, dashes or underscores.');
    await other.shot('bad display name');
    await page.getByLabel('Display name').fill(uniqueName('valid'));
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Confirm password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(alert(page)).toHaveText('Use a password of at least 10 characters.');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(`${PASSWORD}x`);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(alert(page)).toHaveText('The two passwords do not match.');
    await other.shot('passwords differ');
  });

  await test.step('a display name that is taken', async () => {
    await page.getByLabel('Display name').fill(name);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(alert(page)).toHaveText('That display name is taken.');
    await other.shot('name taken');
    await page.getByRole('tab', { name: 'Sign in' }).click();
  });

  await test.step('unknown name and wrong password get the same answer', async () => {
    expect(await signIn(page, uniqueName('nobody'), PASSWORD)).toBe(401);
    await expect(alert(page)).toHaveText('Wrong display name or password.');
    await other.shot('unknown name');
    expect(await signIn(page, name, 'not-the-password')).toBe(401);
    await expect(alert(page)).toHaveText('Wrong display name or password.');
    await other.shot('wrong password');
  });

  await test.step('too many attempts on one account: refused, even with the right password', async () => {
    let attempts = 1; // the wrong password above
    while ((await signIn(page, name, 'not-the-password')) !== 429) {
      attempts += 1;
      expect(attempts, 'the per-account limit (10 per 15 min) never answered').toBeLessThanOrEqual(10);
    }
    expect(attempts).toBe(10);
    await expect(alert(page)).toHaveText(/^Too many attempts\. Try again in 1[45] minutes\.$/);
    await other.shot('rate limited');
    expect(await signIn(page, name, PASSWORD)).toBe(429);
    await expect(alert(page)).toHaveText(/^Too many attempts\. Try again in 1[45] minutes\.$/);
    await expect(page.getByRole('heading', { name: `Ready to play, ${name}?` })).toHaveCount(0);
  });

  await test.step('other accounts are not affected', async () => {
    const second = uniqueName('taiga');
    await owner.page.getByRole('button', { name: 'Sign out' }).click();
    await register(owner, second);
    await owner.page.getByRole('button', { name: 'Sign out' }).click();
    expect(await signIn(page, second, PASSWORD)).toBe(201);
    await expect(page.getByRole('heading', { name: `Ready to play, ${second}?` })).toBeVisible();
    await other.shot('another account signs in');
  });
});
