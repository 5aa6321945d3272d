import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FleetGamesReport, FleetReport } from '@glaceon/protocol';
import { createFleetClient } from './http-client.js';
import { ReportSender } from './report-sender.js';

const SERVER = 'ms_rs';
const ended = (): FleetReport => ({ type: 'game.ended', serverId: SERVER, reason: 'abandoned' });

/**
 * Coral's fleet API as far as the sender sees it (the real one is in apps/coral's
 * games-report and stack tests): the per-game route, and the several-games route in one of
 * three shapes: today's Coral, an older Coral without it (404), or a refusal of the whole body.
 */
describe('ReportSender (coral-perf-011)', () => {
  let server: http.Server;
  let url: string;
  let mode: 'current' | 'old' | 'refuse-whole';
  const requests: string[] = [];
  /** A game the stand-in refuses for good (404) on the per-game route. */
  const unknownGame = 'g_rsunknown';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        const path = req.url ?? '';
        requests.push(path);
        const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        const single = /^\/v1\/fleet\/games\/([^/]+)\/events$/.exec(path);
        if (single) {
          const gameId = decodeURIComponent(single[1] ?? '');
          if (gameId === unknownGame) return json(404, { code: 'NOT_FOUND', message: 'No such game.' });
          return json(200, { gameId, state: 'ended', duplicate: false });
        }
        if (path !== '/v1/fleet/reports' || mode === 'old') return json(404, { code: 'NOT_FOUND', message: 'No such route.' });
        if (mode === 'refuse-whole') return json(400, { code: 'INVALID_MESSAGE', message: 'Refused whole.' });
        const body = JSON.parse(text) as FleetGamesReport;
        json(200, {
          results: body.games.map(({ gameId }) => ({
            gameId,
            ...(gameId === unknownGame
              ? { status: 404, body: { code: 'NOT_FOUND', message: 'No such game.' } }
              : { status: 200, body: { gameId, state: 'ended', duplicate: false } }),
          })),
        });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    requests.length = 0;
    mode = 'current';
  });

  const games = (n: number) => [...Array.from({ length: n - 1 }, (_, i) => `g_rs${i}`), unknownGame];
  const sendAll = (sender: ReportSender, ids: string[]) => Promise.all(ids.map(async (g) => [g, (await sender.send(g, ended())).status] as const));
  const expected = (ids: string[]) => ids.map((g) => [g, g === unknownGame ? 404 : 200]);

  it('games due in one turn leave in one request, and each game gets its own answer', async () => {
    const sender = new ReportSender(url, SERVER, 'k'.repeat(43), createFleetClient(4));
    const ids = games(30);
    expect(await sendAll(sender, ids)).toEqual(expected(ids));
    expect(requests).toEqual(['/v1/fleet/reports']);
    // A lone report is exactly the per-game request an idle server sent before.
    requests.length = 0;
    expect((await sender.send('g_rslone', ended())).status).toBe(200);
    expect(requests).toEqual(['/v1/fleet/games/g_rslone/events']);
  });

  it('an older Coral (no several-games route): every report still arrives, per game from then on', async () => {
    mode = 'old';
    const sender = new ReportSender(url, SERVER, 'k'.repeat(43), createFleetClient(4));
    const ids = games(5);
    expect(await sendAll(sender, ids)).toEqual(expected(ids));
    expect(requests.filter((r) => r === '/v1/fleet/reports')).toHaveLength(1);
    expect(requests.filter((r) => r.endsWith('/events'))).toHaveLength(5);
    requests.length = 0;
    expect(await sendAll(sender, ids)).toEqual(expected(ids));
    expect(requests.every((r) => r.endsWith('/events'))).toBe(true);
  });

  it('a request refused whole is sent again game by game: only the game that can never succeed is dropped', async () => {
    mode = 'refuse-whole';
    const sender = new ReportSender(url, SERVER, 'k'.repeat(43), createFleetClient(4));
    const ids = games(4);
    expect(await sendAll(sender, ids)).toEqual(expected(ids));
    expect(requests.filter((r) => r.endsWith('/events'))).toHaveLength(4);
  });

  it('Coral unreachable: every pending send rejects (the Reporter retries), none hangs', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const sender = new ReportSender(`http://127.0.0.1:${port}`, SERVER, 'k'.repeat(43), createFleetClient(4));
    const outcomes = await Promise.allSettled(games(6).map((g) => sender.send(g, ended())));
    expect(outcomes.map((o) => o.status)).toEqual(Array(6).fill('rejected'));
  });
});
