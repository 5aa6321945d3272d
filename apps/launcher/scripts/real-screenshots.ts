/**
 * Screenshots of the launcher against the REAL local backend: Redis, Realm,
 * one Coral, one reference Moonstone, and two launchers (dev bridge + Debian
 * Chromium) whose Onyx processes really start. Drives two players through
 * sign-up, friends, invites, a deep link, the queue, a ready check, a game
 * (one Onyx stand-in plays, one crashes) and back to the lobby.
 *   npm run build -w @glaceon/launcher && npm run screenshots:real -w @glaceon/launcher
 * Output: docs/screenshots/real/*.png. Fails on any console error in either page.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { REPO_ROOT, startStack, startTsService, type ServiceHandle } from '@glaceon/devstack';
import { freePort } from '@glaceon/testkit';
import { startDevBridge, type DevBridge } from '../src/main/devbridge/server.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(here, '../../../docs/screenshots/real');
const work = await mkdtemp(join(tmpdir(), 'glaceon-real-'));
const stops: (() => Promise<unknown>)[] = [];
const errors: string[] = [];
const t0 = Date.now();
const step = (text: string) => console.log(`[real] +${((Date.now() - t0) / 1000).toFixed(1)}s ${text}`);
let failed = false;

async function shot(page: Page, name: string) {
  await page.waitForTimeout(200); // let the 250 ms clocks tick once; every state is awaited before this
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  step(`saved ${name}.png`);
}

try {
  await mkdir(outDir, { recursive: true });
  // Onyx: the stand-in for A; a crashing program for B (the crash screen, for real).
  const onyx = join(work, 'onyx.sh');
  await writeFile(onyx, `#!/bin/sh\nexec "${process.execPath}" --conditions=glaceon-source --import tsx "${REPO_ROOT}apps/onyx/src/cli.ts" "$@"\n`);
  const crashing = join(work, 'onyx-crash.sh');
  await writeFile(crashing, '#!/bin/sh\necho "[onyx] connecting to $2 (game $4)"\necho "[onyx] renderer: device lost (VK_ERROR_DEVICE_LOST)" >&2\nexit 3\n');
  await chmod(onyx, 0o755);
  await chmod(crashing, 0o755);

  const staticDir = join(here, '../dist-renderer');
  const bridges: DevBridge[] = [];
  for (const who of ['a', 'b']) {
    const b = await startDevBridge({ userDataDir: join(work, who), staticDir, log: (l) => step(`bridge ${who}: ${l}`) });
    bridges.push(b);
    stops.push(() => b.close());
  }
  const [bridgeA, bridgeB] = bridges as [DevBridge, DevBridge];

  step('starting Redis, Realm, Coral');
  const stack = await startStack({ corals: 1, moonstones: 0, nginx: false, corsOrigins: bridges.map((b) => b.url), notes: step });
  stops.unshift(() => stack.stop());
  const moonEntry = ['server.ts', 'main.ts'].map((f) => `${REPO_ROOT}apps/moonstone/src/${f}`).find((f) => existsSync(f))!;
  const [msPort, msControl] = [await freePort(), await freePort()];
  const moonstone: ServiceHandle = await startTsService({
    name: 'moonstone-1',
    entry: moonEntry,
    port: msPort,
    stackId: stack.id,
    env: {
      MOONSTONE_ID: 'ms_local1',
      PORT: String(msPort),
      CONTROL_PORT: String(msControl),
      PUBLIC_ADDRESS: `127.0.0.1:${msPort}`,
      CORAL_FLEET_URL: stack.fleetUrl,
      // Development only: the server derives its own credential from the fleet secret.
      GLACEON_INSECURE_DEV: '1',
      FLEET_KEY: stack.fleetKey,
      CAPACITY: '8',
      REGION: 'local',
      GAME_LENGTH_MS: '12000',
      NOSHOW_TIMEOUT_MS: '5000',
    },
  });
  stops.unshift(() => moonstone.stop());
  await bridgeA.services.settings.update({ backendUrl: stack.realmUrl, onyxPath: onyx });
  await bridgeB.services.settings.update({ backendUrl: stack.realmUrl, onyxPath: crashing });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  stops.unshift(() => browser.close());
  const open = async (bridge: DevBridge, who: string) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: bridge.url });
    const page = await context.newPage();
    // Chromium logs every 4xx answer as a console error; the app handles them (the wrong password step expects one).
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(`${who}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
    await page.goto(bridge.pairingUrl());
    return page;
  };
  const a = await open(bridgeA, 'aurora');
  const b = await open(bridgeB, 'frost');
  stops.unshift(async () => {
    if (process.exitCode === undefined && !failed) return;
    await a.screenshot({ path: join(work, '..', 'glaceon-real-fail-a.png') }).catch(() => undefined);
    await b.screenshot({ path: join(work, '..', 'glaceon-real-fail-b.png') }).catch(() => undefined);
  });

  step('sign-in error, then sign-up');
  await a.getByLabel('Display name').fill('aurora');
  await a.getByLabel('Password').fill('wrong password');
  await a.getByRole('button', { name: 'Sign in' }).click();
  await a.getByRole('alert').waitFor();
  await shot(a, '01-sign-in-error');
  const register = async (page: Page, name: string) => {
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Display name').fill(name);
    await page.getByLabel('Password', { exact: true }).fill('glacier-peak-42');
    await page.getByLabel('Confirm password').fill('glacier-peak-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: `Ready to play, ${name}?` }).waitFor();
  };
  await register(a, 'aurora');
  await register(b, 'frost');

  step('friends');
  await a.getByLabel('Add a friend by display name').fill('frost');
  await a.getByRole('button', { name: 'Add', exact: true }).click();
  await a.getByText('Friend request sent to frost.').waitFor();
  await b.getByRole('button', { name: 'Accept aurora' }).waitFor();
  await shot(b, '02-home-friend-request');
  await b.getByRole('button', { name: 'Accept aurora' }).click();
  await a.getByRole('region', { name: 'Friends list' }).getByText('frost').waitFor();
  await a.getByRole('region', { name: 'Friends list' }).getByText('Online').waitFor();
  await shot(a, '03-home-friends');

  step('lobby and invites');
  await a.getByRole('radio', { name: /Doubles \(2v2\)/ }).click();
  await a.getByRole('button', { name: 'Create lobby' }).click();
  await a.getByRole('heading', { name: 'Your lobby' }).waitFor();
  await a.getByText('Matchmaking: Connected').waitFor();
  await a.getByRole('button', { name: 'Invite frost' }).click();
  await b.getByRole('region', { name: 'Lobby invitations' }).waitFor();
  await shot(a, '04-lobby-host');
  await shot(b, '05-invite-notification');
  await b.getByRole('region', { name: 'Lobby invitations' }).getByRole('button', { name: 'Decline' }).click();

  step('deep link: glaceon://join/<token> handed to the running launcher');
  const link = await a.getByRole('textbox', { name: 'Invite link' }).inputValue();
  await fetch(`${bridgeB.url}/__glaceon/dev/deep-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bridgeB.authHeaders() },
    body: JSON.stringify({ url: link }),
  });
  await b.getByRole('dialog').getByRole('button', { name: 'Join lobby' }).waitFor();
  await shot(b, '06-deep-link-confirm');
  await b.getByRole('dialog').getByRole('button', { name: 'Join lobby' }).click();
  await b.getByRole('heading', { name: "aurora's lobby" }).waitFor();
  await a.getByRole('list', { name: 'Lobby members' }).getByText('frost').waitFor();
  await shot(b, '07-lobby-member');

  step('queue as a party: every member sees it');
  await a.getByRole('button', { name: 'Find match' }).click();
  await b.getByRole('heading', { name: 'Searching for a match' }).waitFor();
  await b.getByText(/players searching/i).waitFor();
  await a.waitForTimeout(1500);
  await shot(b, '08-queue-member');
  await a.getByRole('button', { name: 'Cancel search' }).click();
  await a.getByRole('heading', { name: 'Your lobby' }).waitFor();

  step('two duels: ready check, game, crash, result');
  await b.getByRole('button', { name: 'Leave lobby' }).click();
  await b.getByRole('heading', { name: 'Ready to play, frost?' }).waitFor();
  await a.getByRole('radio', { name: 'Duel (1v1)' }).click();
  await a.getByText(/Duel \(1v1\) · 1 of 1/).waitFor();
  await b.getByRole('radio', { name: /Duel \(1v1\)/ }).click();
  await b.getByRole('button', { name: 'Create lobby' }).click();
  await b.getByText('Matchmaking: Connected').waitFor();
  await a.getByRole('button', { name: 'Find match' }).click();
  await a.getByRole('heading', { name: 'Searching for a match' }).waitFor();
  await shot(a, '09-queue-host');
  step('restart while queued: the launcher comes back to the queue from the server snapshot');
  await a.reload();
  await a.getByRole('heading', { name: 'Searching for a match' }).waitFor();
  await a.getByText('Matchmaking: Connected').waitFor();
  await shot(a, '09b-queue-after-restart');
  await b.getByRole('button', { name: 'Find match' }).click();
  await a.getByRole('alertdialog', { name: 'Match found!' }).waitFor({ timeout: 20_000 });
  await shot(a, '10-match-found');
  await a.getByRole('button', { name: 'Accept' }).click();
  await a.getByText(/Waiting for the others/).waitFor();
  await b.getByRole('alertdialog').getByRole('button', { name: 'Accept' }).click();
  await a.locator('#main').getByText('In game').waitFor({ timeout: 20_000 });
  await shot(a, '11-in-game');
  await b.getByRole('heading', { name: 'The game closed unexpectedly' }).waitFor({ timeout: 20_000 });
  await shot(b, '12-onyx-crashed');
  await a.getByRole('heading', { name: 'Your lobby' }).waitFor({ timeout: 60_000 });
  await shot(a, '13-back-in-lobby-with-result');
  await a.getByRole('button', { name: 'Settings' }).click();
  await shot(a, '14-settings');
  step(`done: ${bridgeA.alerts.length + bridgeB.alerts.length} OS alerts (match found, invites) raised through the bridge`);
} catch (error) {
  failed = true;
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const stop of stops) await stop().catch((e: unknown) => console.error(e));
  await rm(work, { recursive: true, force: true });
}
if (errors.length > 0) {
  console.error(`console errors:\n${errors.join('\n')}`);
  process.exit(1);
}
