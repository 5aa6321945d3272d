/**
 * Every icon from one SVG (build/icon.svg): `npm run icons -w @glaceon/launcher` renders
 * it in Chromium (no image tool needed) to build/icon.png (512 px, which electron-builder
 * turns into the .ico, .icns and Linux sizes), build/icons/<n>x<n>.png for Linux, and
 * public/icon.png (256 px: favicon, tray icon, notification icon).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('..', import.meta.url));
const svg = await readFile(join(here, 'build/icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  await mkdir(join(here, 'build/icons'), { recursive: true });
  await mkdir(join(here, 'public'), { recursive: true });
  const targets: [number, string][] = [
    [512, 'build/icon.png'],
    [256, 'public/icon.png'],
    ...[16, 32, 48, 64, 128, 256, 512].map((n): [number, string] => [n, `build/icons/${n}x${n}.png`]),
  ];
  for (const [size, file] of targets) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`,
    );
    await page.screenshot({ path: join(here, file), omitBackground: true });
    console.log(`icon: ${file} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
