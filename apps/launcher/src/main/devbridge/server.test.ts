import { chmod, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { InvokeChannel, type OnyxState } from '../../common/index.js';
import { CALL_PREFIX, DEEP_LINK_PATH, EVENTS_PATH, PAIR_PATH, startDevBridge, type DevBridge } from './server.js';

let dir: string;
let bridge: DevBridge;
let onyxScript: string;

const call = async (channel: string, input?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${bridge.url}${CALL_PREFIX}${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bridge.authHeaders(), ...headers },
    body: JSON.stringify({ input: input ?? null }),
  });
  return { status: res.status, body: (await res.json()) as { output?: unknown; error?: string } };
};

/** A call as any other local process can make it: no secret, no Origin header. */
const anonymousCall = (channel: string, input?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${bridge.url}${CALL_PREFIX}${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ input: input ?? null }),
  });

/** True when the event socket opens with these headers; false when the bridge drops the upgrade. */
function socketOpens(headers: Record<string, string>): Promise<boolean> {
  const ws = new WebSocket(`${bridge.url.replace('http', 'ws')}${EVENTS_PATH}`, { headers });
  return new Promise((resolve) => {
    ws.once('open', () => {
      ws.close();
      resolve(true);
    });
    ws.once('error', () => resolve(false));
  });
}

/** A raw request: fetch does not let a caller choose the Host header, an attacker's page behind DNS rebinding does. */
function rawStatus(path: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${bridge.url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const pair = (code: unknown, origin = bridge.url) =>
  fetch(`${bridge.url}${PAIR_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ code }) });

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

/** Opens the push socket and collects messages until `done` says stop. */
function collect(done: (msgs: { channel: string; value: unknown }[]) => boolean): {
  opened: Promise<void>;
  result: Promise<{ channel: string; value: unknown }[]>;
  ws: WebSocket;
} {
  const ws = new WebSocket(`${bridge.url.replace('http', 'ws')}${EVENTS_PATH}`, { headers: bridge.authHeaders() });
  const msgs: { channel: string; value: unknown }[] = [];
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  const result = new Promise<typeof msgs>((resolve) => {
    ws.on('message', (data) => {
      msgs.push(JSON.parse(String(data)) as { channel: string; value: unknown });
      if (done(msgs)) resolve(msgs);
    });
  });
  return { opened, result, ws };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glaceon-devbridge-'));
  await mkdir(join(dir, 'www'));
  await writeFile(join(dir, 'www', 'index.html'), '<!doctype html><title>Glaceon</title>');
  await writeFile(join(dir, 'secret.txt'), 'outside the web root');
  onyxScript = join(dir, 'onyx.sh');
  await writeFile(onyxScript, '#!/bin/sh\necho "onyx $1 $2 $3 $4 $5 $6"\nexit 0\n');
  await chmod(onyxScript, 0o755);
  await expect(startDevBridge({ userDataDir: join(dir, 'bad'), settings: { onyxPath: 'relative' }, log: () => undefined })).rejects.toThrow(/absolute/);
  bridge = await startDevBridge({ userDataDir: join(dir, 'user'), staticDir: join(dir, 'www'), settings: { ticketMode: 'args' }, log: () => undefined });
});
afterAll(async () => {
  await bridge.close();
  await rm(dir, { recursive: true, force: true });
});

describe('dev bridge server', () => {
  it('serves the renderer with an SPA fallback, never files outside its root', async () => {
    const index = await fetch(`${bridge.url}/`);
    expect(await index.text()).toContain('<title>Glaceon</title>');
    // The CSP names the configured backend only (#12 item 17), not any http/ws host.
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:7300 ws://127.0.0.1:7300 ws://127.0.0.1:*;");
    expect(csp).not.toMatch(/connect-src[^;]* (https?|wss?):[ ;]/);
    expect(await (await fetch(`${bridge.url}/lobby/anything`)).text()).toContain('<title>Glaceon</title>');
    const escape = await fetch(`${bridge.url}/..%2Fsecret.txt`);
    expect(await escape.text()).not.toContain('outside the web root');
  });

  it("adds the regions' ping endpoints that Realm lists to the CSP (#14), and nothing the page could name", async () => {
    const realm = createServer((req, res) => {
      if (req.url !== '/v1/queues') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          queues: [],
          regions: [
            { id: 'eu-west', name: 'EU West', pingUrl: 'wss://ping-eu.glaceon.example/ping' },
            { id: 'local', name: 'Local' },
          ],
        }),
      );
    });
    await new Promise<void>((r) => realm.listen(0, '127.0.0.1', r));
    const backendUrl = `http://127.0.0.1:${(realm.address() as AddressInfo).port}`;
    const other = await startDevBridge({ userDataDir: join(dir, 'regions'), staticDir: join(dir, 'www'), settings: { backendUrl }, log: () => undefined });
    try {
      const csp = (await fetch(`${other.url}/`)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain(`connect-src 'self' ${backendUrl} ws://127.0.0.1:${backendUrl.split(':')[2]} ws://127.0.0.1:* wss://ping-eu.glaceon.example;`);
      // A query string or a page's request changes nothing: the list comes from Realm alone.
      const again = (await fetch(`${other.url}/?connect=wss://evil.example`)).headers.get('content-security-policy') ?? '';
      expect(again).not.toContain('evil');
    } finally {
      await other.close();
      realm.closeAllConnections();
      await new Promise((r) => realm.close(r));
    }
  });

  it('dispatches bridge calls to the same services and validates their input', async () => {
    expect((await call(InvokeChannel.getSettings)).body.output).toMatchObject({ ticketMode: 'args', onyxPath: '' });
    expect((await call(InvokeChannel.updateSettings, { onyxPath: 'relative/onyx' })).body.output).toMatchObject({ ok: false });
    expect((await call('glaceon:nope')).body.output).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('refuses calls from another web origin and non-JSON bodies (no CSRF from a web page)', async () => {
    expect((await call(InvokeChannel.getSettings, null, { origin: 'https://evil.example' })).status).toBe(403);
    const form = await fetch(`${bridge.url}${CALL_PREFIX}${InvokeChannel.getSettings}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('launches a real Onyx process and pushes its states over the event socket', async () => {
    // Over the bridge the path is refused (#12 item 3); the owner's side (environment, settings file) sets it.
    expect((await call(InvokeChannel.updateSettings, { onyxPath: onyxScript })).body.output).toMatchObject({ ok: false, error: { code: 'ONYX_PATH_LOCKED' } });
    expect((await call(InvokeChannel.chooseOnyxPath)).body.output).toMatchObject({ ok: false, error: { code: 'ONYX_PATH_FROM_CONFIG' } });
    expect(await bridge.services.settings.update({ onyxPath: onyxScript })).toMatchObject({ ok: true });
    const { opened, result, ws } = collect((m) => m.some((x) => (x.value as OnyxState).status === 'exited'));
    await opened;
    const launched = await call(InvokeChannel.launchOnyx, { moonstone: '127.0.0.1:7400', gameId: 'g_dev', ticket: 'ticket-abcdefghijklmnop' });
    expect(launched.body.output).toMatchObject({ ok: true });
    const states = (await result).map((m) => m.value as OnyxState);
    ws.close();
    await until(() => bridge.clients() === 0);
    expect(states.map((s) => s.status)).toEqual(['running', 'exited']);
    expect(states[1]).toMatchObject({ code: 0, lastLines: ['onyx --moonstone 127.0.0.1:7400 --game g_dev --ticket [redacted]'] });
  });

  it('holds deep links until a renderer listens, then pushes them live', async () => {
    const post = (url: string) =>
      fetch(`${bridge.url}${DEEP_LINK_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bridge.authHeaders() },
        body: JSON.stringify({ url }),
      }).then((r) => r.json() as Promise<{ accepted: boolean }>);
    expect(await post(`glaceon://join/${'C'.repeat(32)}`)).toEqual({ accepted: true });
    expect(await post('glaceon://join/x')).toEqual({ accepted: false });
    expect((await call(InvokeChannel.takeDeepLinks)).body.output).toEqual([`glaceon://join/${'C'.repeat(32)}`]);
    const { opened, result, ws } = collect((m) => m.some((x) => x.channel === 'deeplink'));
    await opened;
    await post(`glaceon://join/${'D'.repeat(32)}`);
    expect((await result).find((m) => m.channel === 'deeplink')?.value).toBe(`glaceon://join/${'D'.repeat(32)}`);
    ws.close();
  });

  it('obeys no local process without the per-start secret: no session read, no Onyx launch, no deep link, no event socket', async () => {
    await call(InvokeChannel.saveSession, { token: 't'.repeat(43), playerId: 'p_victim', displayName: 'victim', backendUrl: 'http://127.0.0.1:7300' });
    for (const channel of [InvokeChannel.loadSession, InvokeChannel.launchOnyx, InvokeChannel.getSettings]) {
      const res = await anonymousCall(channel, { moonstone: '127.0.0.1:7400', gameId: 'g_x', ticket: 'ticket-abcdefghijklmnop' });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('t'.repeat(43));
    }
    // Claiming to be the page (its Origin) is not enough either, nor a made-up cookie.
    expect((await anonymousCall(InvokeChannel.loadSession, null, { origin: bridge.url })).status).toBe(401);
    expect((await anonymousCall(InvokeChannel.loadSession, null, { origin: bridge.url, cookie: 'glaceon_bridge=guess' })).status).toBe(401);
    const link = await fetch(`${bridge.url}${DEEP_LINK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `glaceon://join/${'E'.repeat(32)}` }),
    });
    expect(link.status).toBe(401);
    expect((await call(InvokeChannel.takeDeepLinks)).body.output).toEqual([]);
    expect(await socketOpens({})).toBe(false);
    expect(await socketOpens({ origin: bridge.url })).toBe(false);
    expect(await socketOpens(bridge.authHeaders())).toBe(true);
    expect(bridge.services.onyx.state().status).not.toBe('running');
  });

  it('refuses a foreign Host header (DNS rebinding), even with the secret', async () => {
    const rebound = { ...bridge.authHeaders(), host: 'attacker.example:80', 'content-type': 'application/json' };
    expect(await rawStatus(`${CALL_PREFIX}${InvokeChannel.getSettings}`, rebound, '{"input":null}')).toBe(403);
    expect(await rawStatus('/', { host: 'attacker.example' })).toBe(403);
    expect(await socketOpens(rebound)).toBe(false);
    // The listener's own names still work.
    expect(await rawStatus('/', { host: `localhost:${new URL(bridge.url).port}` })).toBe(200);
    expect(
      await rawStatus(`${CALL_PREFIX}${InvokeChannel.getSettings}`, { ...bridge.authHeaders(), 'content-type': 'application/json' }, '{"input":null}'),
    ).toBe(200);
  });

  it('pairs a page once: a one-time code from the pairing URL becomes an HttpOnly, SameSite=Strict cookie', async () => {
    const code = new URL(bridge.pairingUrl()).hash.replace('#pair=', '');
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await pair('not-the-code')).status).toBe(401);
    expect((await pair(code, 'https://evil.example')).status).toBe(403);
    const paired = await pair(code);
    expect(paired.status).toBe(200);
    const cookie = paired.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^glaceon_bridge=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    const pageCookie = cookie.split(';')[0]!;
    expect((await anonymousCall(InvokeChannel.getSettings, null, { cookie: pageCookie, origin: bridge.url })).status).toBe(200);
    // Used once: the same code pairs nobody else.
    expect((await pair(code)).status).toBe(401);
  });
});
