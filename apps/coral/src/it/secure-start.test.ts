/**
 * Issue #12, item 2: without its secrets a service refuses to start (a clear message,
 * no secret printed) unless GLACEON_INSECURE_DEV=1, which is loud in the log and
 * refused in production. Real Coral and Moonstone processes.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, spawnManaged, startRedis } from '@glaceon/testkit';
import { CORAL_ENTRY, REPO_ROOT } from '../test-support/stack.js';

const MOONSTONE = fileURLToPath(new URL('../../../moonstone/src/main.ts', import.meta.url));
const NODE_ARGS = ['--conditions=glaceon-source', '--import', 'tsx'];
/** The parent's environment minus anything that would give the child a secret or the switch. */
const cleanEnv = () => {
  const env = { ...process.env };
  for (const k of ['FLEET_KEY', 'FLEET_SERVER_KEY', 'TICKET_PRIVATE_KEY', 'TICKET_PUBLIC_KEY', 'GLACEON_INSECURE_DEV', 'NODE_ENV']) delete env[k];
  return env;
};

/** Run to its exit. */
async function run(entry: string, env: Record<string, string>) {
  const proc = spawnManaged(process.execPath, [...NODE_ARGS, entry], { cwd: REPO_ROOT, env: { ...cleanEnv(), ...env } });
  return { exit: await proc.exited, output: proc.output() };
}

/** Run until `until` shows in the output (or it exits), then stop it. */
async function runUntil(entry: string, env: Record<string, string>, until: RegExp) {
  const proc = spawnManaged(process.execPath, [...NODE_ARGS, entry], { cwd: REPO_ROOT, env: { ...cleanEnv(), ...env } });
  const deadline = Date.now() + 30_000;
  while (!until.test(proc.output()) && proc.child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const output = proc.output();
  await proc.stop(2000);
  return { output };
}

describe('secure by default: missing fleet secrets stop Coral and Moonstone', () => {
  it('Coral without FLEET_KEY / TICKET_PRIVATE_KEY exits with a message naming the setting', async () => {
    const { exit, output } = await run(CORAL_ENTRY, { PORT: String(await freePort()), INTERNAL_PORT: '0', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(exit.code).toBe(1);
    expect(output).toMatch(/TICKET_PRIVATE_KEY is not set/);
    expect(output).toMatch(/GLACEON_INSECURE_DEV=1/);
    expect(output).not.toMatch(/CORAL_READY/);
  }, 40_000);

  it('a malformed setting stops Coral with a message naming it (SESSION_RECHECK_MS)', async () => {
    const { exit, output } = await run(CORAL_ENTRY, {
      PORT: String(await freePort()),
      INTERNAL_PORT: '0',
      REDIS_URL: 'redis://127.0.0.1:1',
      GLACEON_INSECURE_DEV: '1',
      SESSION_RECHECK_MS: 'soon',
    });
    expect(exit.code).toBe(1);
    expect(output).toMatch(/SESSION_RECHECK_MS must be a positive integer, got \\?"soon/);
    expect(output).not.toMatch(/CORAL_READY/);
  }, 40_000);

  it('GLACEON_INSECURE_DEV=1 starts Coral with ephemeral secrets and says so loudly; with NODE_ENV=production it is refused', async () => {
    const port = String(await freePort());
    const redis = await startRedis();
    const dev = await runUntil(CORAL_ENTRY, { PORT: port, INTERNAL_PORT: '0', REDIS_URL: redis.url, GLACEON_INSECURE_DEV: '1' }, /CORAL_READY/).finally(() =>
      redis.stop(),
    );
    expect(dev.output).toMatch(/CORAL_READY/);
    expect(dev.output).toMatch(/GLACEON_INSECURE_DEV=1: DEVELOPMENT MODE/);
    expect(dev.output).toMatch(/FLEET_KEY is not set: using an EPHEMERAL fleet secret/);
    const prod = await run(CORAL_ENTRY, { PORT: port, REDIS_URL: 'redis://127.0.0.1:1', GLACEON_INSECURE_DEV: '1', NODE_ENV: 'production' });
    expect(prod.exit.code).toBe(1);
    expect(prod.output).toMatch(/not allowed with NODE_ENV=production/);
  }, 60_000);

  it('Moonstone without its credential exits 2; it never accepts the fleet secret alone outside development', async () => {
    const base = { MOONSTONE_ID: 'ms_nokey', CORAL_FLEET_URL: 'http://127.0.0.1:1', PORT: '0', CONTROL_PORT: '0' };
    const none = await run(MOONSTONE, base);
    expect(none.exit.code).toBe(2);
    expect(none.output).toMatch(/FLEET_SERVER_KEY is not set/);
    const secretOnly = await run(MOONSTONE, { ...base, FLEET_KEY: 'a-fleet-secret-that-must-not-be-here-0123' });
    expect(secretOnly.exit.code).toBe(2);
    expect(secretOnly.output).not.toContain('a-fleet-secret-that-must-not-be-here-0123');
    const bad = await run(MOONSTONE, { ...base, FLEET_SERVER_KEY: 'short' });
    expect(bad.exit.code).toBe(2);
    expect(bad.output).toMatch(/43-character/);
  }, 60_000);

  it('Moonstone honours LOG_LEVEL: an unknown level stops it, warn keeps its info lines out', async () => {
    const base = {
      MOONSTONE_ID: 'ms_logs',
      CORAL_FLEET_URL: 'http://127.0.0.1:1',
      PORT: '0',
      CONTROL_PORT: '0',
      GLACEON_INSECURE_DEV: '1',
      FLEET_KEY: 'x'.repeat(40),
    };
    const unknown = await run(MOONSTONE, { ...base, LOG_LEVEL: 'chatty' });
    expect(unknown.exit.code).toBe(2);
    expect(unknown.output).toMatch(/LOG_LEVEL must be one of .*warn/);
    // It starts, says it is ready (info), then cannot reach Coral (its first failed heartbeat, warn, comes after).
    const info = await runUntil(MOONSTONE, base, /heartbeat failed/);
    expect(info.output).toMatch(/moonstone ready/);
    const quiet = await runUntil(MOONSTONE, { ...base, LOG_LEVEL: 'warn' }, /heartbeat failed/);
    expect(quiet.output).toMatch(/heartbeat failed/);
    expect(quiet.output).not.toMatch(/moonstone ready/);
  }, 60_000);
});
