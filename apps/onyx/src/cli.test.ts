import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { freePort, spawnManaged } from '@glaceon/testkit';
import { closeCodeOf, PROTOCOL_VERSION, type MoonstoneServerMessage } from '@glaceon/protocol';
import { runOnyx } from './run.js';
import { ONYX_EXIT } from './exit-codes.js';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const G = 'g_onyxtest';

/** A scripted fake Moonstone: what it does with a hello depends on the ticket text. */
function fakeMoonstone(): Promise<{ wss: WebSocketServer; address: string; hellos: unknown[] }> {
  const hellos: unknown[] = [];
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const send = (ws: WebSocket, m: MoonstoneServerMessage) => ws.send(JSON.stringify(m));
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const hello = JSON.parse(data.toString()) as { ticket: string };
      hellos.push(hello);
      if (hello.ticket === 'bad') {
        send(ws, { type: 'error', code: 'TICKET_INVALID', message: 'The join ticket is not valid: bad signature.' });
        ws.close(closeCodeOf('TICKET_INVALID'));
        return;
      }
      send(ws, {
        type: 'welcome',
        protocol: PROTOCOL_VERSION,
        gameId: G,
        mode: '1v1',
        playerId: 'p_me',
        team: 1,
        reconnected: false,
        phase: 'running',
        roster: [{ playerId: 'p_me', name: 'Me', team: 1, connected: true }],
      });
      if (hello.ticket === 'drop') return ws.terminate();
      send(ws, { type: 'game.state', phase: 'running', connected: ['p_me'], endsAt: Date.now() + 1000 });
      send(ws, { type: 'game.over', gameId: G, reason: 'completed', winningTeam: 1 });
      ws.close(1000);
    });
  });
  return new Promise((resolve) => wss.on('listening', () => resolve({ wss, address: `127.0.0.1:${(wss.address() as AddressInfo).port}`, hellos })));
}

describe('Onyx stand-in', () => {
  let fake: Awaited<ReturnType<typeof fakeMoonstone>>;
  beforeAll(async () => {
    fake = await fakeMoonstone();
  });
  afterAll(async () => {
    await new Promise((r) => fake.wss.close(r));
  });

  const run = async (ticket: string, moonstone = fake.address) => {
    const lines: string[] = [];
    const code = await runOnyx({ moonstone, gameId: G, ticket, print: (l) => lines.push(l), printError: (l) => lines.push(`ERR ${l}`) });
    return { code, text: lines.join('\n') };
  };

  it('exits 0 at game over, after printing its progress', async () => {
    const r = await run('good');
    expect(r.code).toBe(ONYX_EXIT.GAME_OVER);
    expect(r.text).toMatch(/joined game g_onyxtest \(1v1\) as p_me on team 1/);
    expect(r.text).toMatch(/game over: completed, team 1 won/);
    expect(fake.hellos.at(-1)).toMatchObject({ type: 'hello', protocol: PROTOCOL_VERSION, gameId: G, ticket: 'good' });
  });

  it('exits 3 when refused, 4 when unreachable, 5 when the connection drops mid-game', async () => {
    expect(await run('bad')).toMatchObject({ code: ONYX_EXIT.REFUSED, text: expect.stringMatching(/refused: TICKET_INVALID/) });
    const unreachable = await run('good', `127.0.0.1:${await freePort()}`);
    expect(unreachable).toMatchObject({ code: ONYX_EXIT.UNREACHABLE, text: expect.stringMatching(/cannot reach Moonstone/) });
    expect(await run('drop')).toMatchObject({ code: ONYX_EXIT.CONNECTION_LOST, text: expect.stringMatching(/lost the connection/) });
  });

  it('as a process: --help says it is a stand-in; a bad command line exits 2; stdin tickets work', async () => {
    const help = spawnManaged(process.execPath, ['--conditions=glaceon-source', '--import', 'tsx', CLI, '--help']);
    expect((await help.exited).code).toBe(0);
    expect(help.output()).toMatch(/THIS IS NOT THE GAME/);
    const bad = spawnManaged(process.execPath, ['--conditions=glaceon-source', '--import', 'tsx', CLI, '--moonstone', 'nope', '--game', G, '--ticket', 't']);
    expect((await bad.exited).code).toBe(ONYX_EXIT.USAGE);
    expect(bad.output()).toMatch(/--moonstone/);
    const piped = spawnManaged(
      process.execPath,
      ['--conditions=glaceon-source', '--import', 'tsx', CLI, '--moonstone', fake.address, '--game', G, '--ticket-stdin'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    piped.child.stdin?.end('bad\n');
    expect((await piped.exited).code, piped.output()).toBe(ONYX_EXIT.REFUSED);
    expect(fake.hellos.at(-1)).toMatchObject({ ticket: 'bad' });
  }, 30_000);
});
