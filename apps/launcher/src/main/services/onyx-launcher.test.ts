import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OnyxState } from '../../common/index.js';
import { createOnyxLauncher, type OnyxLauncher } from './onyx-launcher.js';

const TICKET = 'eyJhbGciOiJFZERTQSJ9.c2VjcmV0LXRpY2tldC1ib2R5.c2lnbmF0dXJl';
const request = { moonstone: '127.0.0.1:7777', gameId: 'g_abc123', ticket: TICKET };

let dir: string;
const scripts: Record<string, string> = {};

/** Writes a throwaway executable script; `node` scripts use this test's own Node binary. */
async function script(name: string, body: string, mode = 0o755, node = true): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, node ? `#!${process.execPath}\n${body}\n` : `#!/bin/sh\n${body}\n`, { mode });
  await chmod(path, mode);
  return path;
}

function until(launcher: OnyxLauncher, done: (s: OnyxState) => boolean): Promise<OnyxState> {
  return new Promise((resolve) => {
    if (done(launcher.state())) return resolve(launcher.state());
    const off = launcher.onState((s) => {
      if (done(s)) {
        off();
        resolve(s);
      }
    });
  });
}
const finished = (s: OnyxState) => s.status === 'exited' || s.status === 'failed';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glaceon-onyx-'));
  scripts.echoArgv = await script('echo-argv.mjs', `console.log('ARGV ' + JSON.stringify(process.argv.slice(2)));`);
  scripts.echoStdin = await script(
    'echo-stdin.mjs',
    `let s=''; process.stdin.setEncoding('utf8'); process.stdin.on('data',(c)=>s+=c); process.stdin.on('end',()=>{ console.log('ARGV ' + JSON.stringify(process.argv.slice(2))); console.log('STDIN ' + JSON.stringify(s)); });`,
  );
  scripts.exit3 = await script('exit3.sh', `echo "connecting"\necho "refused: bad ticket" >&2\nexit 3`, 0o755, false);
  scripts.killSelf = await script('kill-self.sh', `echo "about to crash"\nkill -KILL $$`, 0o755, false);
  scripts.slow = await script('slow.mjs', `console.log('in game'); process.stdin.resume(); setInterval(()=>{}, 1000);`);
  scripts.notExecutable = await script('not-exec.sh', 'exit 0', 0o644, false);
  // Prints the ticket split across two writes, as a pipe may deliver it.
  scripts.leaky = await script(
    'leaky.mjs',
    `const t = process.argv[process.argv.indexOf('--ticket') + 1]; process.stdout.write('my ticket is ' + t.slice(0, 10)); setTimeout(() => { process.stdout.write(t.slice(10) + ' ok\\n'); }, 20);`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Onyx launcher (real child processes)', () => {
  it('passes the protocol argv exactly, ticket in arguments by default', async () => {
    const onyx = createOnyxLauncher({ logDir: join(dir, 'logs-a') });
    const started = await onyx.launch({ executable: scripts.echoArgv!, ticketMode: 'args', request });
    expect(started.ok).toBe(true);
    const end = await until(onyx, finished);
    expect(end).toMatchObject({ status: 'exited', code: 0, signal: null, gameId: 'g_abc123' });
    if (end.status !== 'exited') throw new Error('unreachable');
    const argvLine = end.lastLines.find((l) => l.startsWith('ARGV '))!;
    // The tail is redacted, so the ticket shows as [redacted] in exactly its argv slot.
    expect(JSON.parse(argvLine.slice(5))).toEqual(['--moonstone', '127.0.0.1:7777', '--game', 'g_abc123', '--ticket', '[redacted]']);
  });

  it('stdin mode: --ticket-stdin in argv, the ticket on standard input, never on the command line', async () => {
    const onyx = createOnyxLauncher({ logDir: join(dir, 'logs-b') });
    await onyx.launch({ executable: scripts.echoStdin!, ticketMode: 'stdin', request });
    const end = await until(onyx, finished);
    if (end.status !== 'exited') throw new Error(`unexpected ${end.status}`);
    expect(end.code).toBe(0);
    const argv = JSON.parse(end.lastLines.find((l) => l.startsWith('ARGV '))!.slice(5)) as string[];
    expect(argv).toEqual(['--moonstone', '127.0.0.1:7777', '--game', 'g_abc123', '--ticket-stdin']);
    expect(end.lastLines.find((l) => l.startsWith('STDIN '))).toBe(`STDIN ${JSON.stringify('[redacted]\n')}`);
  });

  it('tells a non-zero exit code apart from a signal, with the last output lines', async () => {
    const onyx = createOnyxLauncher({ logDir: join(dir, 'logs-c') });
    await onyx.launch({ executable: scripts.exit3!, ticketMode: 'args', request });
    const failed = await until(onyx, finished);
    expect(failed).toMatchObject({ status: 'exited', code: 3, signal: null });
    if (failed.status === 'exited') expect(failed.lastLines).toEqual(['connecting', 'refused: bad ticket']);

    await onyx.launch({ executable: scripts.killSelf!, ticketMode: 'args', request });
    const killed = await until(onyx, (s) => finished(s) && s.runId === 2);
    expect(killed).toMatchObject({ status: 'exited', code: null, signal: 'SIGKILL' });
  });

  it('refuses a missing path, a folder, a non-executable file and an empty setting with typed errors', async () => {
    const onyx = createOnyxLauncher({ logDir: join(dir, 'logs-d') });
    const missing = await onyx.launch({ executable: join(dir, 'nope'), ticketMode: 'args', request });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(onyx.state()).toMatchObject({ status: 'failed', error: { code: 'NOT_FOUND' } });
    expect(await onyx.launch({ executable: dir, ticketMode: 'args', request })).toMatchObject({ ok: false, error: { code: 'NOT_A_FILE' } });
    expect(await onyx.launch({ executable: scripts.notExecutable!, ticketMode: 'args', request })).toMatchObject({
      ok: false,
      error: { code: 'NOT_EXECUTABLE' },
    });
    expect(await onyx.launch({ executable: '', ticketMode: 'args', request })).toMatchObject({ ok: false, error: { code: 'PATH_UNSET' } });
  });

  it('is single-flight: a second launch while one runs is refused, and allowed after it exits', async () => {
    const onyx = createOnyxLauncher({ logDir: join(dir, 'logs-e') });
    const [first, second] = await Promise.all([
      onyx.launch({ executable: scripts.slow!, ticketMode: 'args', request }),
      onyx.launch({ executable: scripts.slow!, ticketMode: 'args', request }),
    ]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'ALREADY_RUNNING' } });
    expect(onyx.state().status).toBe('running');
    expect(await onyx.launch({ executable: scripts.echoArgv!, ticketMode: 'args', request })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_RUNNING' },
    });
    await onyx.stop();
    expect(onyx.state()).toMatchObject({ status: 'exited', signal: 'SIGTERM' });
    expect((await onyx.launch({ executable: scripts.echoArgv!, ticketMode: 'args', request })).ok).toBe(true);
    await until(onyx, finished);
  });

  it('writes output to a log file in the given folder with the ticket redacted, even when split across writes', async () => {
    const onyx = createOnyxLauncher({ logDir: join(dir, 'logs-f') });
    await onyx.launch({ executable: scripts.leaky!, ticketMode: 'args', request });
    const end = await until(onyx, finished);
    if (end.status !== 'exited') throw new Error('unreachable');
    expect(end.logPath.startsWith(join(dir, 'logs-f'))).toBe(true);
    const log = await readFile(end.logPath, 'utf8');
    expect(log).not.toContain(TICKET);
    expect(log).not.toContain(TICKET.slice(10));
    expect(log).toContain('my ticket is [redacted] ok');
    expect(log).toContain('--ticket [redacted]');
    expect(log).toMatch(/exited with code 0/);
    expect(end.lastLines).toEqual(['my ticket is [redacted] ok']);
  });
});
