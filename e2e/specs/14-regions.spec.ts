import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../fixtures/index.js';
import { allAccept, allSeeReadyCheck, createLobby, onyxArgvs, queueHeading, register, uniqueName } from '../fixtures/player.js';

/*
 * Issue #14, regions: its own stack on config/examples/queues-regions.yaml (eu-west, us-east,
 * ap-southeast), so devstack starts one reference Moonstone per region, each serving its region's
 * ping endpoint on ws://127.0.0.1:19701..19703. The launcher measures its round trip to each.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
test.use({ stackOptions: { queuesFile: path.resolve(here, '../../config/examples/queues-regions.yaml') } });

const REGIONS = ['EU West', 'US East', 'Asia Pacific (Southeast)'] as const;
const regionCard = (page: Page): Locator => page.getByRole('region', { name: 'Region' });
const regionRadio = (page: Page, name: string): Locator => regionCard(page).getByRole('radio', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}, `) });

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
}

async function chooseRegion(page: Page, name: string): Promise<void> {
  await openSettings(page);
  await regionRadio(page, name).check();
  await expect(regionCard(page).getByRole('status')).toContainText(`Saved: you will play in ${name}.`);
}

test('Settings shows the measured latency of every region; a chosen region is kept across a restart', async ({ launchers, stack }) => {
  expect(stack.pingEndpoints.map((p) => p.url)).toEqual(['ws://127.0.0.1:19701', 'ws://127.0.0.1:19702', 'ws://127.0.0.1:19703']);
  const A = await launchers.open('A');
  await register(A, uniqueName('taiga'));

  await test.step('the three regions, each with a round trip measured against its ping endpoint', async () => {
    await openSettings(A.page);
    const group = regionCard(A.page).getByRole('group', { name: 'Where to play' });
    await expect(group.getByRole('radio', { name: /^Automatic/ })).toBeChecked();
    for (const name of REGIONS) await expect(regionRadio(A.page, name)).toHaveAccessibleName(new RegExp(`, \\d+ ms$`), { timeout: 15_000 });
    await expect(regionCard(A.page).getByRole('status')).toContainText(/Measured at /);
    const results = await new AxeBuilder({ page: A.page }).include('section[aria-label="Region"]').analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await A.shot('settings regions');
  });

  await test.step('choosing US East is saved at once and kept when the launcher restarts', async () => {
    await chooseRegion(A.page, 'US East');
    await A.restart();
    await openSettings(A.page);
    await expect(regionRadio(A.page, 'US East')).toBeChecked();
    await expect(regionRadio(A.page, 'US East')).toHaveAccessibleName(/, \d+ ms$/, { timeout: 15_000 });
    await A.shot('settings region kept after restart');
  });

  await test.step('a region whose endpoint is down says "No answer" on the next measurement', async () => {
    const ap = stack.moonstones.find((m) => m.name.endsWith('-ap-southeast'))!;
    await ap.stop();
    try {
      await regionCard(A.page).getByRole('button', { name: 'Measure again' }).click();
      await expect(regionRadio(A.page, 'Asia Pacific (Southeast)')).toHaveAccessibleName(/, No answer$/, { timeout: 15_000 });
      await expect(regionRadio(A.page, 'EU West')).toHaveAccessibleName(/, \d+ ms$/);
    } finally {
      await ap.restart();
    }
    await chooseRegion(A.page, 'EU West');
  });

  await test.step('in a lobby (the latency report goes to Coral on its welcome), queueing works whatever that Coral makes of the report', async () => {
    await A.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Play' }).click();
    await createLobby(A, /Duel \(1v1\)/);
    await A.page.getByRole('button', { name: 'Find match' }).click();
    await expect(queueHeading(A.page)).toBeVisible();
    await expect(A.page.getByLabel('Why it takes a while')).toBeVisible({ timeout: 20_000 });
    await expect(A.page.getByText('Matchmaking: Connected')).toBeVisible();
    await A.page.getByRole('button', { name: 'Cancel search' }).click();
    await expect(A.page.getByRole('heading', { name: 'Your lobby' })).toBeVisible();
  });
});

test('a player who chose EU West waits in EU West and plays on an EU West server', async ({ launchers, stack }) => {
  const [nA, nB] = ['fjell', 'skerry'].map(uniqueName) as [string, string];
  const A = await launchers.open('A');
  const B = await launchers.open('B');
  await Promise.all([register(A, nA), register(B, nB)]);
  await chooseRegion(A.page, 'EU West');
  await chooseRegion(B.page, 'EU West');
  for (const l of [A, B]) {
    await l.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Play' }).click();
    await createLobby(l, /Duel \(1v1\)/);
  }

  await A.page.getByRole('button', { name: 'Find match' }).click();
  await expect(queueHeading(A.page)).toBeVisible();
  const region = A.page.locator('#main dl div', { has: A.page.getByText('Region', { exact: true }) }).locator('dd');
  await expect(region).toContainText('EU West', { timeout: 20_000 });
  await expect(A.page.getByLabel('Why it takes a while')).toContainText('in EU West', { timeout: 20_000 });
  await A.shot('queued in EU West');

  await B.page.getByRole('button', { name: 'Find match' }).click();
  await allSeeReadyCheck([A, B]);
  await allAccept([A, B]);
  for (const l of [A, B]) await expect(l.page.locator('#main').getByText('In game', { exact: true })).toBeVisible();
  const euWest = stack.moonstones.filter((m) => m.name.endsWith('-eu-west')).map((m) => `127.0.0.1:${m.port}`);
  const [a, b] = [(await onyxArgvs(A))[0]!, (await onyxArgvs(B))[0]!];
  expect(euWest).toContain(a[1]);
  expect(b[3]).toBe(a[3]);
});
