/**
 * Screenshots of every launcher screen in Debian Chromium, in preview mode
 * (fixtures, no backend): `npm run screenshots -w @glaceon/launcher` builds
 * the preview page (dist-preview, never shipped) and shoots every scene.
 * Fails on any console error.
 * Output: docs/screenshots/launcher-<scene>.png
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDevBridge } from '../src/main/devbridge/server.js';
import { PREVIEW_SCENES, type PreviewScene } from '../src/renderer/preview/scenes.js';

const SCROLL_TO: Partial<Record<PreviewScene, string>> = { 'settings-regions': 'Region' };

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(here, '../../../docs/screenshots');
const only = process.argv.slice(2);
const userDataDir = await mkdtemp(join(tmpdir(), 'glaceon-shots-'));
const bridge = await startDevBridge({ userDataDir, staticDir: join(here, '../dist-preview'), log: () => undefined });
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
const errors: string[] = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  for (const scene of PREVIEW_SCENES.filter((s) => only.length === 0 || only.includes(s))) {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(`${scene}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${scene}: ${e.message}`));
    await page.goto(`${bridge.url}/?preview=${scene}`); // preview scenes use an in-memory bridge: no pairing needed
    await page.waitForSelector('#root > *');
    await page.waitForTimeout(150); // let the first interval tick paint clocks; nothing here waits on the network
    // A card below the fold is the point of some scenes: bring it into view.
    const focus = SCROLL_TO[scene];
    if (focus) await page.getByRole('region', { name: focus }).scrollIntoViewIfNeeded();
    const file = join(outDir, `launcher-${scene}.png`);
    await page.screenshot({ path: file });
    console.log(`saved ${file}`);
    await page.close();
  }
  // The compact layout (below 1,000 px): side panels behind toggles, then the friends drawer open.
  const compact = await browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  for (const scene of ['home', 'lobby'] as const) {
    if (only.length > 0 && !only.includes(`compact-${scene}`)) continue;
    const page = await compact.newPage();
    page.on('pageerror', (e) => errors.push(`compact-${scene}: ${e.message}`));
    await page.goto(`${bridge.url}/?preview=${scene}`);
    await page.waitForSelector('#root > *');
    await page.screenshot({ path: join(outDir, `launcher-compact-${scene}.png`) });
    await page.getByRole('button', { name: /^Friends · / }).click();
    await page.screenshot({ path: join(outDir, `launcher-compact-${scene}-friends.png`) });
    console.log(`saved launcher-compact-${scene}(-friends).png`);
    await page.close();
  }
} finally {
  await browser.close();
  await bridge.close();
  await rm(userDataDir, { recursive: true, force: true });
}
if (errors.length > 0) {
  console.error(`console errors:\n${errors.join('\n')}`);
  process.exit(1);
}
