/**
 * Every bad-input family gets its typed error and leaves Redis unchanged
 * (keyspace compared with SCAN + DUMP before and after; rate-limit counters
 * are the one thing a refused request is allowed to write).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RealmClient } from '@glaceon/client';
import { closeCodeOf, PROTOCOL_VERSION } from '@glaceon/protocol';
import { createSession, hashInviteToken } from '@glaceon/store';
import { inviteKey, keys } from '@glaceon/store/testing';
import { keyspace, PASSWORD, raw, startStack, uniqueName, type Stack } from './test-support/harness.js';

describe('bad input changes nothing', () => {
  let stack: Stack;
  let host: RealmClient, other: RealmClient, third: RealmClient;
  let lobbyId: string, otherLobbyId: string, token: string;
  let url: string;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    stack = await startStack(1, { bodyLimitBytes: 4096, inviteMaxUses: 1, rateLimits: { notFound: { max: 5, windowMs: 60_000 } } as never });
    url = stack.urls[0]!;
    [host, other, third] = [stack.client(), stack.client(), stack.client()];
    await host.register(uniqueName('h'), PASSWORD);
    await other.register(uniqueName('o'), PASSWORD);
    await third.register(uniqueName('t'), PASSWORD);
    const created = await host.createLobby('1v1');
    lobbyId = created.lobby.id;
    token = created.invite!.token;
    otherLobbyId = (await other.createLobby('2v2')).lobby.id;
  });
  afterAll(async () => stack.close());

  /** Run `act`, expect `code` and `status`, and the keyspace to be the same before and after. */
  async function refused(act: () => Promise<{ status: number; body: unknown }>, code: string, status: number) {
    const before = await keyspace(stack.redis);
    expect(before.size).toBeGreaterThan(5);
    const result = await act();
    expect(result.body).toMatchObject({ code });
    expect(result.status).toBe(status);
    expect(await keyspace(stack.redis)).toEqual(before);
  }
  const viaClient = async (p: Promise<unknown>) => {
    try {
      await p;
      return { status: 200, body: 'unexpected success' };
    } catch (e) {
      const err = e as { code: string; status: number };
      return { status: err.status, body: { code: err.code } };
    }
  };
  const auth = (c: RealmClient) => ({ ...json, authorization: `Bearer ${c.token}` });

  it('malformed JSON', () => refused(() => raw(url, { method: 'POST', path: '/v1/lobbies', body: '{"mode":', headers: auth(third) }), 'BAD_JSON', 400));
  it('unknown fields', () =>
    refused(
      () => raw(url, { method: 'POST', path: '/v1/lobbies', body: JSON.stringify({ mode: '1v1', admin: true }), headers: auth(third) }),
      'INVALID_MESSAGE',
      400,
    ));
  it('unknown fields on register', () =>
    refused(
      () => raw(url, { method: 'POST', path: '/v1/accounts', body: JSON.stringify({ name: 'Zed_1', password: PASSWORD, isAdmin: true }), headers: json }),
      'INVALID_MESSAGE',
      400,
    ));
  it('wrong types', () =>
    refused(() => raw(url, { method: 'POST', path: '/v1/lobbies', body: JSON.stringify({ mode: 5 }), headers: auth(third) }), 'INVALID_MESSAGE', 400));
  it('wrong param shape', () =>
    refused(() => raw(url, { method: 'POST', path: '/v1/lobbies/%7Bx%7D/leave', headers: { authorization: `Bearer ${host.token}` } }), 'INVALID_MESSAGE', 400));
  it('oversized body', () =>
    refused(
      () => raw(url, { method: 'POST', path: '/v1/sessions', body: JSON.stringify({ name: 'x', password: 'y'.repeat(10_000) }), headers: json }),
      'PAYLOAD_TOO_LARGE',
      413,
    ));
  it('missing session', () =>
    refused(() => raw(url, { method: 'POST', path: '/v1/lobbies', body: JSON.stringify({ mode: '1v1' }), headers: json }), 'UNAUTHENTICATED', 401));
  it('forged session', () =>
    refused(
      () =>
        raw(url, {
          method: 'POST',
          path: '/v1/lobbies',
          body: JSON.stringify({ mode: '1v1' }),
          headers: { ...json, authorization: `Bearer ${'A'.repeat(43)}` },
        }),
      'UNAUTHENTICATED',
      401,
    ));
  it('token in the URL is not accepted', () => refused(() => raw(url, { method: 'GET', path: `/v1/me?token=${host.token}` }), 'UNAUTHENTICATED', 401));
  it('expired session', async () => {
    const me = await third.me();
    const s = await createSession(stack.redis, { playerId: me.id, name: me.name }, { ttlMs: 1 });
    await expect.poll(() => stack.redis.exists(keys.session(s.tokenHash))).toBe(0);
    await refused(() => raw(url, { method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${s.token}` } }), 'UNAUTHENTICATED', 401);
  });
  it("someone else's lobby", async () => {
    await refused(() => viaClient(third.leaveLobby(lobbyId)), 'NOT_IN_LOBBY', 409);
    await refused(() => viaClient(third.lobby(lobbyId)), 'NOT_IN_LOBBY', 409);
    const otherId = (await other.me()).id;
    await refused(() => viaClient(host.kick(otherLobbyId, otherId)), 'NOT_IN_LOBBY', 409);
    await refused(() => viaClient(host.setMode(otherLobbyId, '5v5')), 'NOT_IN_LOBBY', 409);
    await refused(() => viaClient(host.rotateInvite(otherLobbyId)), 'NOT_IN_LOBBY', 409);
  });
  it('full lobby', async () => {
    const lobby = await host.lobby(lobbyId); // 1v1: the host fills it
    expect(lobby.members).toHaveLength(1);
    await refused(() => viaClient(third.joinByToken(token)), 'LOBBY_FULL', 409);
  });
  it('guessed, expired, revoked and used-up invite tokens', async () => {
    await refused(() => viaClient(third.joinByToken('B'.repeat(32))), 'INVITE_INVALID', 404);
    const rotated = await host.rotateInvite(lobbyId);
    await refused(() => viaClient(third.joinByToken(token)), 'INVITE_REVOKED', 410);
    await host.setMode(lobbyId, '2v2');
    await stack.redis.hset(inviteKey(hashInviteToken(rotated.token)), 'expiresAt', Date.now() - 1);
    await refused(() => viaClient(third.joinByToken(rotated.token)), 'INVITE_EXPIRED', 410);
    const fresh = await host.rotateInvite(lobbyId);
    await third.joinByToken(fresh.token); // the one use
    await third.leaveLobby(lobbyId);
    await refused(() => viaClient(third.joinByToken(fresh.token)), 'INVITE_USED_UP', 410);
    await host.setMode(lobbyId, '1v1');
  });
  it('membership change while queued', async () => {
    await stack.redis.hset(keys.lobby(lobbyId), { state: 'queued', ticket: 't_q' });
    const fresh = await host.rotateInvite(lobbyId);
    await refused(() => viaClient(third.joinByToken(fresh.token)), 'LOBBY_NOT_IDLE', 409);
    await refused(() => viaClient(host.leaveLobby(lobbyId)), 'LOBBY_NOT_IDLE', 409);
    await refused(() => viaClient(host.setMode(lobbyId, '5v5')), 'LOBBY_NOT_IDLE', 409);
    await stack.redis.hset(keys.lobby(lobbyId), { state: 'idle', ticket: '' });
  });
  it('already in a lobby', () => refused(() => viaClient(host.createLobby('5v5')), 'ALREADY_IN_LOBBY', 409));

  it('an event socket without a valid session never opens', async () => {
    for (const headers of [{}, { authorization: `Bearer ${'C'.repeat(43)}` }]) {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/events`, { headers });
      const status = await new Promise<number>((resolve) => {
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(-1));
        ws.on('error', () => undefined);
      });
      expect(status).toBe(401);
      ws.terminate();
    }
  });

  it('event socket: hello first, right version, schema-checked frames', async () => {
    const open = (protocols?: string[]) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = protocols
          ? new WebSocket(`${url.replace('http', 'ws')}/v1/events`, protocols)
          : new WebSocket(`${url.replace('http', 'ws')}/v1/events`, { headers: { authorization: `Bearer ${host.token}` } });
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const closeOf = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const nextMessage = (ws: WebSocket) =>
      new Promise<Record<string, unknown>>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)) as Record<string, unknown>)));

    // Browser style: the token rides in the subprotocol; the server selects glaceon.v1 only.
    const browser = await open(['glaceon.v1', `glaceon.bearer.${host.token}`]);
    expect(browser.protocol).toBe('glaceon.v1');
    const snap = nextMessage(browser);
    browser.send(JSON.stringify({ type: 'hello', version: PROTOCOL_VERSION, id: 'h1' }));
    expect(await snap).toMatchObject({ type: 'snapshot', id: 'h1' });
    const pong = nextMessage(browser);
    browser.send(JSON.stringify({ type: 'ping', id: 'p1' }));
    expect(await pong).toMatchObject({ type: 'pong', id: 'p1' });
    const bad = nextMessage(browser);
    browser.send(JSON.stringify({ type: 'ping', id: 'p2', extra: 1 }));
    expect(await bad).toMatchObject({ type: 'error', code: 'INVALID_MESSAGE', id: 'p2' });
    const unknown = nextMessage(browser);
    browser.send(JSON.stringify({ type: 'lobby.destroy', id: 'p3' }));
    expect(await unknown).toMatchObject({ type: 'error', code: 'UNKNOWN_TYPE', id: 'p3' });
    const malformed = nextMessage(browser);
    browser.send('{nope');
    expect(await malformed).toMatchObject({ type: 'error', code: 'BAD_JSON' });
    browser.close();

    const oldClient = await open();
    const oldClosed = closeOf(oldClient);
    oldClient.send(JSON.stringify({ type: 'hello', version: PROTOCOL_VERSION + 1 }));
    expect(await oldClosed).toBe(closeCodeOf('INCOMPATIBLE_VERSION'));

    const silent = await open();
    expect(await closeOf(silent)).toBe(closeCodeOf('INVALID_MESSAGE'));
  });

  it('operations: health, readiness, metrics, OpenAPI, headers, CORS, rate-limited 404', async () => {
    expect((await raw(url, { method: 'GET', path: '/healthz' })).body).toEqual({ status: 'ok' });
    expect((await raw(url, { method: 'GET', path: '/readyz' })).body).toMatchObject({ status: 'ok' });
    // Metrics only on the internal listener (#12 item 15; the public 404 is in perimeter.test.ts).
    const metrics = await raw(stack.internalUrls[0]!, { method: 'GET', path: '/metrics' });
    expect(String(metrics.body)).toContain('realm_http_requests_total');
    const openapi = (await raw(url, { method: 'GET', path: '/openapi.json' })).body as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toBe('3.0.3');
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/accounts', '/v1/sessions', '/v1/lobbies/join', '/v1/friends/requests']));
    const h = await raw(url, { method: 'GET', path: '/healthz', headers: { origin: 'http://127.0.0.1:5173' } });
    expect(h.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(h.headers.get('x-content-type-options')).toBe('nosniff');
    const evil = await raw(url, { method: 'GET', path: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await raw(url, { method: 'GET', path: `/nope/${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
