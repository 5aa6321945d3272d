/**
 * `npm run perf:launcher -w @glaceon/launcher`: builds the renderer, serves it with the
 * dev bridge, and measures five cold loads (a fresh browser context each: empty cache,
 * new pairing) in /usr/bin/chromium. Prints one JSON object: every first contentful paint,
 * their median, and the gzipped size of the shipped JavaScript, against the targets
 * (FCP median <= 200 ms, JS <= 130 KB gzipped). Exit code 1 when a target is missed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startDevBridge } from '../src/main/devbridge/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const LOADS = 5;
const TARGET_FCP_MS = 200;
const TARGET_JS_KB = 130;

if (!process.argv.includes('--no-build')) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const dist = join(root, 'dist-renderer');
const assets = join(dist, 'assets');
let jsGzipBytes = 0;
for (const file of (await readdir(assets)).filter((f) => f.endsWith('.js'))) jsGzipBytes += gzipSync(await readFile(join(assets, file)), { level: 9 }).length;

const userDataDir = await mkdtemp(join(tmpdir(), 'glaceon-perf-'));
const bridge = await startDevBridge({ userDataDir, staticDir: dist, log: () => undefined });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
const fcp: number[] = [];
try {
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(bridge.pairingUrl(), { waitUntil: 'load' });
    const value = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const seen = performance.getEntriesByName('first-contentful-paint')[0];
          if (seen) return resolve(seen.startTime);
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    fcp.push(Math.round(value * 10) / 10);
    await context.close();
  }
} finally {
  await browser.close();
  await bridge.close();
  await rm(userDataDir, { recursive: true, force: true });
}
const sorted = [...fcp].sort((a, b) => a - b);
const medianFcpMs = sorted[Math.floor(sorted.length / 2)]!;
const jsGzipKB = Math.round((jsGzipBytes / 1000) * 10) / 10;
const pass = medianFcpMs <= TARGET_FCP_MS && jsGzipKB <= TARGET_JS_KB;
console.log(
  JSON.stringify(
    { loads: LOADS, fcpMs: fcp, medianFcpMs, jsGzipBytes, jsGzipKB, targets: { medianFcpMs: TARGET_FCP_MS, jsGzipKB: TARGET_JS_KB }, pass },
    null,
    2,
  ),
);
process.exitCode = pass ? 0 : 1;
