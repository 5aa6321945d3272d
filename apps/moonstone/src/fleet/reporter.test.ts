import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reporter } from './reporter.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

describe('Reporter (issue #12, item 14: debounced player reports)', () => {
  let server: http.Server;
  let url: string;
  const got: { path: string; type: string; playerId?: string; server?: string }[] = [];
  let requests = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        requests++;
        type Body = { type: string; playerId?: string; reports?: Body[] };
        const body = JSON.parse(text) as Body;
        // A batch (coral-perf-004) is its reports, in order.
        for (const one of body.type === 'reports' ? (body.reports ?? []) : [body]) {
          got.push({
            path: req.url ?? '',
            type: one.type,
            ...(one.playerId ? { playerId: one.playerId } : {}),
            server: req.headers['x-glaceon-server'] as string,
          });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('a flapping player costs Coral one report; order is kept; game.ended flushes first', async () => {
    const reporter = new Reporter(url, 'ms_r', 'k'.repeat(43), quiet, 200);
    const r = (type: 'player.connected' | 'player.left', playerId: string) => reporter.report('g_r', { type, serverId: 'ms_r', playerId });
    r('player.connected', 'p_a');
    for (let i = 0; i < 20; i++) {
      r('player.left', 'p_a');
      r('player.connected', 'p_a');
    }
    r('player.connected', 'p_b');
    r('player.left', 'p_b');
    await reporter.flush(3000);
    expect(got.map((g) => `${g.type} ${g.playerId}`)).toEqual(['player.connected p_a', 'player.connected p_b', 'player.left p_b']);
    expect(got.every((g) => g.server === 'ms_r' && g.path === '/v1/fleet/games/g_r/events')).toBe(true);

    got.length = 0;
    requests = 0;
    r('player.left', 'p_a');
    reporter.report('g_r', { type: 'game.ended', serverId: 'ms_r', reason: 'abandoned' });
    await reporter.flush(3000);
    expect(got.map((g) => g.type)).toEqual(['player.left', 'game.ended']);
    // The held report and the end leave together: one request, not two.
    expect(requests).toBe(1);
    reporter.stop();
  });
});
