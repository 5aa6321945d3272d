import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPingOriginSource, pingOriginsOf } from './ping-origins.js';
import { buildContentSecurityPolicy } from './window-policy.js';

const LIST = {
  queues: [{ id: '1v1', name: 'Duel', description: '', teams: 2, teamSize: 1, partySizes: [1], readyCheckMs: 20000, ranked: false, regions: ['eu', 'us'] }],
  regions: [
    { id: 'eu', name: 'EU', pingUrl: 'wss://ping-eu.glaceon.example' },
    { id: 'us', name: 'US', pingUrl: 'ws://10.0.0.7:19702' },
    { id: 'ap', name: 'AP' },
  ],
};

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A stand-in Realm answering GET /v1/queues from `answer()` (a real HTTP server on loopback). */
async function realm(answer: () => { status: number; body: string } | 'hang'): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    const a = answer();
    if (a === 'hang' || req.url !== '/v1/queues') return;
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

describe('ping origins for the CSP (asked of Realm, not of the page)', () => {
  it("takes the ws(s) origins of Realm's regions, and the CSP then allows exactly those", async () => {
    const r = await realm(() => ({ status: 200, body: JSON.stringify(LIST) }));
    const origins = await createPingOriginSource()(r.url);
    expect(origins).toEqual(['wss://ping-eu.glaceon.example', 'ws://10.0.0.7:19702']);
    const csp = buildContentSecurityPolicy({ backendUrl: 'https://realm.glaceon.example', extraConnect: origins.join(' ') });
    expect(csp).toContain(
      "connect-src 'self' https://realm.glaceon.example wss://realm.glaceon.example wss://realm.glaceon.example:* wss://ping-eu.glaceon.example ws://10.0.0.7:19702;",
    );
  });

  it('a list that breaks the schema, an error status or a silent Realm adds nothing (within the timeout)', async () => {
    const bad = await realm(() => ({ status: 200, body: JSON.stringify({ ...LIST, regions: [{ id: 'eu', name: 'EU', pingUrl: 'javascript:alert(1)' }] }) }));
    expect(await createPingOriginSource()(bad.url)).toEqual([]);
    const down = await realm(() => ({ status: 503, body: '{}' }));
    expect(await createPingOriginSource()(down.url)).toEqual([]);
    const silent = await realm(() => 'hang');
    const t0 = Date.now();
    expect(await createPingOriginSource({ timeoutMs: 300 })(silent.url)).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('a known answer is used at once and refreshed behind it; Realm going away keeps the last good one', async () => {
    let up = true;
    const r = await realm(() => (up ? { status: 200, body: JSON.stringify(LIST) } : { status: 503, body: '{}' }));
    const source = createPingOriginSource();
    expect(await source(r.url)).toHaveLength(2);
    up = false;
    expect(await source(r.url)).toHaveLength(2);
    await expect.poll(() => r.hits()).toBe(2);
    expect(await source(r.url)).toHaveLength(2);
  });

  it('pingOriginsOf drops what is not a ws(s) URL and repeats', () => {
    expect(pingOriginsOf(['ws://a:1/x', 'ws://a:1/y', 'https://b', 'not a url', undefined, 'wss://c'])).toEqual(['ws://a:1', 'wss://c']);
  });
});
