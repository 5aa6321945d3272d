/**
 * Issue #14 against real Coral processes (behind nginx, real Redis): the queue configuration
 * is read at start, a bad file stops Coral naming the field and the rule, and SIGHUP applies a
 * new file: a queue only the new file defines opens, a removed queue drains (its waiting
 * players are told and their lobbies go idle with `queue_closed`; queue.start answers
 * QUEUE_CLOSED), and a bad file changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { getPlayerMatchView } from '@glaceon/store';
import { freePort, SHIPPED_QUEUES, spawnManaged, writeQueuesFile, type QueuesFile } from '@glaceon/testkit';
import { connectPlayer, makeLobby, makePlayer } from '../test-support/players.js';
import { ClientProbe } from '../test-support/probe.js';
import { CORAL_ENTRY, REPO_ROOT, startCoralStack, waitFor, type CoralStack } from '../test-support/stack.js';

const THREE = { id: '3v3', name: 'Trios (3v3)', teams: 2, teamSize: 3, partySizes: [1, 2, 3] };
const FOUR = { id: '4v4', name: 'Quads (4v4)', teams: 2, teamSize: 4, partySizes: [1, 4] };

describe('Coral: a bad queue file stops it at start', () => {
  it('exits 1 with the file, the field and the rule; no stack trace, never ready', async () => {
    const bad = await writeQueuesFile({ queues: [...SHIPPED_QUEUES, { ...THREE, partySizes: [1, 4] }] });
    try {
      const proc = spawnManaged(process.execPath, ['--conditions=glaceon-source', '--import', 'tsx', CORAL_ENTRY], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          PORT: String(await freePort()),
          INTERNAL_PORT: '0',
          REDIS_URL: 'redis://127.0.0.1:1',
          GLACEON_INSECURE_DEV: '1',
          GLACEON_QUEUES: bad.file,
        },
      });
      const exit = await proc.exited;
      const output = proc.output();
      expect(exit.code).toBe(1);
      expect(output).toContain(`coral refused the queue configuration: ${bad.file}: queues[3].partySizes[1]: must be <= teamSize (3)`);
      expect(output).not.toMatch(/CORAL_READY/);
      expect(output).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      await bad.remove();
    }
  }, 40_000);
});

describe('Coral: SIGHUP reloads the queue file (two Corals)', () => {
  let stack: CoralStack;
  let file: QueuesFile;
  const clients: Coraline[] = [];
  const hup = () => {
    for (const c of stack.corals) process.kill(c.proc.pid, 'SIGHUP');
  };
  const reloaded = (pattern: RegExp) => Promise.all(stack.corals.map((c) => c.proc.waitForLine(pattern, 10_000)));

  beforeAll(async () => {
    file = await writeQueuesFile({ queues: [...SHIPPED_QUEUES, THREE] });
    stack = await startCoralStack({ corals: 2, env: { GLACEON_QUEUES: file.file, STATUS_MS: '300', SWEEP_MS: '200', LOG_LEVEL: 'info' } });
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await stack?.stop();
    await file?.remove();
  });

  async function queuedSolo(mode: string): Promise<ClientProbe> {
    const player = await makePlayer(stack.redis);
    await makeLobby(stack.redis, mode, [player]);
    const client = connectPlayer(stack.wsUrl, player);
    clients.push(client);
    const probe = new ClientProbe(player, client);
    await client.connect();
    await client.startQueue();
    await waitFor(`${player.name} queued`, async () => (await getPlayerMatchView(stack.redis, player.playerId)).state === 'queued', 5000);
    return probe;
  }

  it('queue.status says why a lobby waits; a removed queue drains: its waiting players are told and go idle (queue_closed); a new queue opens; a bad file changes nothing', async () => {
    // Two solos wait in 3v3 (six are needed, so nobody is matched).
    const waiting = [await queuedSolo('3v3'), await queuedSolo('3v3')];
    // Each is told why nothing happens yet: one other player within the window, five needed.
    for (const probe of waiting) await waitFor(`${probe.player.name} told why`, () => probe.last('queue.status')?.why?.reason === 'few_players', 10_000);
    expect(waiting[0]!.last('queue.status')!.why).toMatchObject({ reason: 'few_players', playersInWindow: 1, playersNeeded: 5, nearestGap: 0 });

    // A player in a 4v4 lobby cannot queue yet: no Coral knows 4v4.
    const early = await makePlayer(stack.redis);
    await makeLobby(stack.redis, '4v4', [early]);
    const earlyClient = connectPlayer(stack.wsUrl, early);
    clients.push(earlyClient);
    await earlyClient.connect();
    await expect(earlyClient.startQueue()).rejects.toMatchObject({ code: 'QUEUE_CLOSED' });

    // The new file drops 3v3 and adds 4v4.
    await file.write({ queues: [...SHIPPED_QUEUES, FOUR] });
    hup();
    await reloaded(/queue configuration reloaded/);

    for (const probe of waiting) {
      await waitFor(
        `${probe.player.name} idle (queue_closed), and told`,
        async () => {
          const view = await getPlayerMatchView(stack.redis, probe.player.playerId);
          return view.state === 'idle' && view.idleReason === 'queue_closed' && probe.belief() === 'idle';
        },
        10_000,
      );
      const told = probe.last('lobby.updated');
      expect(told?.lobby).toMatchObject({ state: 'idle', idleReason: 'queue_closed' });
      // Closed for good: a new entry is refused with a typed error, and nothing changes.
      await expect(probe.client.startQueue()).rejects.toMatchObject({ code: 'QUEUE_CLOSED' });
      expect((await getPlayerMatchView(stack.redis, probe.player.playerId)).state).toBe('idle');
    }

    // 4v4 (only the new file defines it) takes entries now.
    await earlyClient.startQueue();
    await waitFor('the 4v4 lobby queued', async () => (await getPlayerMatchView(stack.redis, early.playerId)).state === 'queued', 5000);

    // A bad file is refused on every Coral and the queues stay as they are.
    await file.write({ queues: [{ ...FOUR, teams: 1 }] });
    hup();
    await reloaded(/reload refused, keeping the current queues: .*queues\[0\]\.teams: must be >= 2/);
    expect((await getPlayerMatchView(stack.redis, early.playerId)).state).toBe('queued');
  }, 60_000);
});
