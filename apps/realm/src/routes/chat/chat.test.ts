/**
 * Party chat, direct messages and blocks against a real Redis and two Realm
 * instances: every pair of players below sits on different instances, so each
 * live delivery crosses the player bus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealmClient } from '@glaceon/client';
import { startQueueForPlayer } from '@glaceon/store';
import { chatKeys, TEST_QUEUES } from '@glaceon/store/testing';
import { keyspace, PASSWORD, raw, startStack, uniqueName, type Stack } from '../../test-support/harness.js';

/** Every key but the presence heartbeat's (open sockets refresh those on their own clock). */
async function stored(stack: Stack): Promise<Map<string, string>> {
  const all = await keyspace(stack.redis);
  for (const key of [...all.keys()]) if (key.includes('presence')) all.delete(key);
  return all;
}

describe('chat, direct messages and blocks across two Realm instances', () => {
  let stack: Stack;
  const id: Record<string, string> = {};
  const name: Record<string, string> = {};
  const c: Record<string, RealmClient> = {};

  beforeAll(async () => {
    stack = await startStack(2, { chat: { ratePerSec: 1, burst: 10 } });
    for (const [label, instance] of [
      ['ada', 0],
      ['bo', 1],
      ['cy', 0],
      ['dee', 1],
    ] as const) {
      const client = stack.client(instance);
      const r = await client.register(uniqueName(label), PASSWORD);
      c[label] = client;
      id[label] = r.player.id;
      name[label] = r.player.name;
    }
  });
  afterAll(async () => stack.close());

  it('delivers lobby chat live across instances, keeps it as text, and shows history to a member who joins or reconnects', async () => {
    const { ada, bo, cy } = c as Required<typeof c>;
    const created = await ada!.createLobby('2v2');
    const lobbyId = created.lobby.id;
    const adaEv = stack.events(ada!, 0);
    await adaEv.connect();

    const sent = await ada!.sendLobbyChat(lobbyId, '  <b>gl</b> <script>alert(1)</script> **hf**  ');
    // Stored as typed (trimmed), never interpreted.
    expect(sent).toMatchObject({ kind: 'message', from: { id: id.ada, name: name.ada }, text: '<b>gl</b> <script>alert(1)</script> **hf**' });

    // bo joins on the other instance: the join is a system line every member receives live.
    const joinedLine = adaEv.next('chat.line', (m) => m.line.kind === 'system' && m.line.event === 'joined');
    await bo!.joinByToken(created.invite!.token);
    expect((await joinedLine).line).toMatchObject({ from: { id: id.bo, name: name.bo } });
    // History on joining: what was said before, then the join.
    const history = await bo!.lobbyChat(lobbyId);
    expect(history.map((l) => [l.kind, l.text ?? l.event])).toEqual([
      ['message', sent.text],
      ['system', 'joined'],
    ]);

    // Live across instances: bo (instance 1) hears ada (instance 0), and the author's launcher hears itself.
    const boEv = stack.events(bo!, 1);
    await boEv.connect();
    const t0 = Date.now();
    const heard = boEv.next('chat.line', (m) => m.line.text === 'ready?');
    const echoed = adaEv.next('chat.line', (m) => m.line.text === 'ready?');
    await ada!.sendLobbyChat(lobbyId, 'ready?');
    expect((await heard).lobbyId).toBe(lobbyId);
    await echoed;
    expect(Date.now() - t0).toBeLessThan(1000);

    // Reconnect: a message sent while bo's socket was down is in the history read after it.
    boEv.close();
    await ada!.sendLobbyChat(lobbyId, 'while you were away');
    const boEv2 = stack.events(bo!, 1);
    await boEv2.connect();
    expect((await bo!.lobbyChat(lobbyId)).at(-1)).toMatchObject({ text: 'while you were away' });

    // Not a member: refused, nothing written.
    const before = await stored(stack);
    await expect(cy!.sendLobbyChat(lobbyId, 'hi')).rejects.toMatchObject({ code: 'NOT_IN_LOBBY' });
    await expect(cy!.lobbyChat(lobbyId)).rejects.toMatchObject({ code: 'NOT_IN_LOBBY' });
    expect(await stored(stack)).toEqual(before);

    // Host changes and kicks are system lines naming who did it.
    const hostLine = boEv2.next('chat.line', (m) => m.line.event === 'host');
    await ada!.transferHost(lobbyId, id.bo!);
    expect((await hostLine).line).toMatchObject({ from: { id: id.bo }, by: { id: id.ada } });
    // The members who stay see the kick (the kicked player is told by lobby.updated, reason 'kicked').
    const kickLine = boEv2.next('chat.line', (m) => m.line.event === 'kicked');
    await bo!.kickMember(lobbyId, id.ada!);
    expect((await kickLine).line).toMatchObject({ from: { id: id.ada, name: name.ada }, by: { id: id.bo, name: name.bo } });
    // The kicked member cannot read the chat any more.
    await expect(ada!.lobbyChat(lobbyId)).rejects.toMatchObject({ code: 'NOT_IN_LOBBY' });

    // The chat lives as long as the lobby.
    expect(await stack.redis.exists(chatKeys.lobbyChat(lobbyId))).toBe(1);
    await bo!.leaveLobby(lobbyId);
    expect(await stack.redis.exists(chatKeys.lobbyChat(lobbyId))).toBe(0);
    // The history is capped.
    expect(history.length).toBeLessThanOrEqual(100);
  });

  it("pushes the host's queue.started line (written with the queue's lock, sent in the lobby's notice) to members on both instances, once", async () => {
    // Two players of their own: the other tests expect the four above in no lobby.
    const [cy, dee] = [stack.client(0), stack.client(1)];
    const [cyReg, deeReg] = [await cy.register(uniqueName('host'), PASSWORD), await dee.register(uniqueName('mate'), PASSWORD)];
    const created = await cy!.createLobby('2v2');
    const lobbyId = created.lobby.id;
    await dee!.joinByToken(created.invite!.token);
    const [cyEv, deeEv] = [stack.events(cy!, 0), stack.events(dee!, 1)];
    await Promise.all([cyEv.connect(), deeEv.connect()]);
    const started = { cy: 0, dee: 0 };
    cyEv.on('chat.line', (m) => void (m.line.event === 'queue.started' && started.cy++));
    deeEv.on('chat.line', (m) => void (m.line.event === 'queue.started' && started.dee++));
    const lines = [cyEv, deeEv].map((ev) => ev.next('chat.line', (m) => m.lobbyId === lobbyId && m.line.kind === 'system' && m.line.event === 'queue.started'));
    const queued = [cyEv, deeEv].map((ev) => ev.next('lobby.updated', (m) => m.lobby?.state === 'queued'));
    // What Coral does on queue.start (the store's entry), here without a Coral.
    await startQueueForPlayer(stack.redis, { playerId: cyReg.player.id, queues: TEST_QUEUES, lobbyHint: lobbyId });
    for (const line of await Promise.all(lines)) expect(line.line).toMatchObject({ from: { id: cyReg.player.id, name: cyReg.player.name } });
    // The notice's lobby re-read (an earlier notice's may also see `queued`: these are snapshots).
    await Promise.all(queued);
    expect(started).toEqual({ cy: 1, dee: 1 });
    // The history has it once, as every member reads it.
    expect((await dee!.lobbyChat(lobbyId)).filter((l) => l.event === 'queue.started')).toHaveLength(1);
    expect(deeReg.player.id).not.toBe(cyReg.player.id);
    cyEv.close();
    deeEv.close();
  });

  it('bounds chat input: length, blanks, control characters, unknown fields and 50 messages in a second get typed errors and change nothing', async () => {
    const { cy } = c as Required<typeof c>;
    const { lobby } = await cy!.createLobby('1v1');
    const before = await stored(stack);
    const post = (body: string, instance = 0) =>
      raw(stack.urls[instance]!, {
        method: 'POST',
        path: `/v1/lobbies/${lobby.id}/chat`,
        body,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cy!.token!}` },
      });
    for (const body of [
      JSON.stringify({ text: 'x'.repeat(501) }),
      JSON.stringify({ text: '   ' }),
      JSON.stringify({ text: 'a\u0007b' }),
      JSON.stringify({ text: 'hi', html: true }),
      JSON.stringify({}),
    ]) {
      const r = await post(body);
      expect(r.status, body.slice(0, 40)).toBe(400);
      expect(r.body).toMatchObject({ code: 'INVALID_MESSAGE' });
    }
    expect((await post('{"text":')).body).toMatchObject({ code: 'BAD_JSON' });
    expect(await stored(stack)).toEqual(before);
    // Exactly 500 characters is fine. (It takes the first token: the bucket below refills from here.)
    const firstToken = Date.now();
    expect((await cy!.sendLobbyChat(lobby.id, 'y'.repeat(500))).text).toHaveLength(500);

    // 50 at once: the rest of the burst goes through, the others are RATE_LIMITED with retry-after.
    // Half through each instance: the bucket is one per player in Redis, so together they get one burst (two per-instance buckets would let about 18 through).
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => post(JSON.stringify({ text: `spam ${i}` }), i % 2)));
    const ok = results.filter((r) => r.status === 201).length;
    const limited = results.filter((r) => r.status === 429);
    // The burst (10) less the token taken above, plus one per second (rate 1) refilled since then.
    const refilled = Math.ceil((Date.now() - firstToken) / 1000);
    expect(ok).toBeGreaterThanOrEqual(1);
    expect(ok).toBeLessThanOrEqual(9 + refilled);
    expect(refilled).toBeLessThan(8);
    expect(ok + limited.length).toBe(50);
    expect(limited[0]!.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(results.filter((r, i) => i % 2 === 1 && r.status === 429).length).toBeGreaterThan(0);
    expect((await cy!.lobbyChat(lobby.id)).filter((l) => l.kind === 'message')).toHaveLength(1 + ok);
    await cy!.leaveLobby(lobby.id);
  });

  it('delivers a direct message sent while the friend was offline at sign-in, with unread counts, and live afterwards', async () => {
    const { ada, bo } = c as Required<typeof c>;
    await ada!.sendFriendRequest(name.bo!);
    await bo!.acceptFriendRequest(id.ada!);
    // bo is offline (no event socket anywhere).
    await ada!.sendMessage(id.bo!, 'are you there?');
    await ada!.sendMessage(id.bo!, '<i>ping</i>');

    // bo signs in again on the other instance: the conversation list and history carry it.
    const boLater = stack.client(1);
    await boLater.signIn(name.bo!, PASSWORD);
    const list = await boLater.conversations();
    expect(list[0]).toMatchObject({ player: { id: id.ada, name: name.ada }, unread: 2, last: { text: '<i>ping</i>', from: id.ada } });
    const conv = await boLater.conversation(id.ada!);
    expect(conv.messages.map((m) => m.text)).toEqual(['are you there?', '<i>ping</i>']);
    expect(conv.unread).toBe(2);
    await boLater.markRead(id.ada!);
    expect((await boLater.conversations())[0]!.unread).toBe(0);
    // The sender's list has it too, with nothing unread.
    expect((await ada!.conversations())[0]).toMatchObject({ player: { id: id.bo }, unread: 0 });

    // Live: bo's socket (instance 1) gets ada's message (instance 0) with the new unread count.
    const boEv = stack.events(boLater, 1);
    await boEv.connect();
    const live = boEv.next('dm.message', (m) => m.message.text === 'now live');
    await ada!.sendMessage(id.bo!, 'now live');
    expect(await live).toMatchObject({ player: { id: id.ada }, unread: 1, message: { from: id.ada, to: id.bo } });
    // Messaging a stranger or oneself is refused.
    await expect(ada!.sendMessage(id.dee!, 'hello stranger')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ada!.sendMessage(id.ada!, 'me')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a block ends the friendship and refuses requests, invites and messages exactly as for a stranger', async () => {
    const { ada, bo, dee } = c as Required<typeof c>;
    // dee and bo become friends; dee blocks bo.
    await dee!.sendFriendRequest(name.bo!);
    await bo!.acceptFriendRequest(id.dee!);
    await bo!.sendMessage(id.dee!, 'before the block');
    // An invitation bo sent before the block disappears with it.
    const { lobby: boLobby } = await bo!.createLobby('2v2');
    await bo!.inviteFriend(boLobby.id, id.dee!);
    expect((await dee!.invites()).map((i) => i.from.id)).toEqual([id.bo]);
    await dee!.block(id.bo!);
    expect(await dee!.invites()).toEqual([]);
    await bo!.leaveLobby(boLobby.id);
    expect((await dee!.blocks()).map((b) => b.id)).toEqual([id.bo]);
    expect((await bo!.friends()).friends.map((f) => f.id)).not.toContain(id.dee);
    expect((await dee!.friends()).friends.map((f) => f.id)).not.toContain(id.bo);

    const stranger = async (p: Promise<unknown>) => {
      const e = (await p.catch((x: unknown) => x)) as { code: string; status: number; message: string };
      return { code: e.code, status: e.status, message: e.message };
    };
    // Friend request: the same answer as a name nobody has.
    expect(await stranger(bo!.sendFriendRequest(name.dee!))).toEqual(await stranger(bo!.sendFriendRequest('nobody_has_this')));
    // Direct message: the same answer as to a stranger (ada and dee were never friends).
    expect(await stranger(bo!.sendMessage(id.dee!, 'hello?'))).toEqual(await stranger(ada!.sendMessage(id.dee!, 'hello?')));
    // Invite token: the same answer as a token that does not exist.
    const { lobby, invite } = await dee!.createLobby('2v2');
    const deeEv = stack.events(dee!, 1);
    await deeEv.connect();
    const blockedJoin = await stranger(bo!.joinByToken(invite!.token));
    expect(blockedJoin).toEqual(await stranger(bo!.joinByToken('A'.repeat(32))));
    expect(blockedJoin.code).toBe('INVITE_INVALID');
    expect(await stranger(bo!.previewInvite(invite!.token))).toEqual(await stranger(bo!.previewInvite('A'.repeat(32))));
    expect((await dee!.lobby(lobby.id)).members.map((m) => m.id)).toEqual([id.dee]);
    // A direct invite from the blocked player: the same answer as from a stranger.
    const { lobby: boLobby2 } = await bo!.createLobby('2v2');
    const received: string[] = [];
    const stopWatching = deeEv.on('invite.received', (m) => received.push(m.invite.from.id));
    expect(await stranger(bo!.inviteFriend(boLobby2.id, id.dee!))).toEqual(
      await stranger(ada!.inviteFriend((await ada!.createLobby('2v2')).lobby.id, id.dee!)),
    );
    expect(await dee!.invites()).toEqual([]);
    // The history stays readable, but nothing new can be added.
    expect((await dee!.conversation(id.bo!)).messages.map((m) => m.text)).toEqual(['before the block']);
    // Unblocking does not restore the friendship. The unblock's push to dee is published after
    // the refused invite, on the same channel: once it arrived, the invite would have too.
    const unblocked = deeEv.next('friends.updated');
    await dee!.unblock(id.bo!);
    await unblocked;
    expect(await dee!.blocks()).toEqual([]);
    expect((await dee!.friends()).friends.map((f) => f.id)).not.toContain(id.bo);
    expect(received).toEqual([]);
    stopWatching();
  });

  it('a member who blocks another in the same lobby stops getting their messages, live and in the history; the others still do', async () => {
    // A fresh pair (no lobby, no relation yet): fay hosts on instance 0, eve joins on instance 1.
    const fay = stack.client(0);
    const fayId = (await fay.register(uniqueName('fay'), PASSWORD)).player.id;
    const eve = stack.client(1);
    await eve.register(uniqueName('eve'), PASSWORD);
    const created = await fay.createLobby('2v2');
    const lobbyId = created.lobby.id;
    await eve.joinByToken(created.invite!.token);
    const eveEv = stack.events(eve, 1);
    const fayEv = stack.events(fay, 0);
    await Promise.all([eveEv.connect(), fayEv.connect()]);
    await fay.sendLobbyChat(lobbyId, 'before the block');
    await eve.block(fayId);
    const heardByEve: string[] = [];
    const stop = eveEv.on('chat.line', (m) => heardByEve.push(m.line.text ?? `[${m.line.event}]`));
    const fayHears = fayEv.next('chat.line', (m) => m.line.text === 'after the block');
    await fay.sendLobbyChat(lobbyId, 'after the block');
    await fayHears; // the author still hears their own line
    // eve's own line is published on her channel after fay's: once it arrived, fay's would have.
    const own = eveEv.next('chat.line', (m) => m.line.text === 'eve here');
    await eve.sendLobbyChat(lobbyId, 'eve here');
    await own;
    stop();
    expect(heardByEve).toEqual(['eve here']);
    const texts = async (client: RealmClient) => (await client.lobbyChat(lobbyId)).flatMap((l) => (l.kind === 'message' ? [l.text] : []));
    expect(await texts(eve)).toEqual(['eve here']);
    expect(await texts(fay)).toEqual(['before the block', 'after the block', 'eve here']);
    // Unblocked, the history shows everything again (it was never removed).
    await eve.unblock(fayId);
    expect(await texts(eve)).toEqual(['before the block', 'after the block', 'eve here']);
  });

  it('documents every new route in the OpenAPI document', async () => {
    const doc = (await raw(stack.urls[0]!, { method: 'GET', path: '/openapi.json' })).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/v1/lobbies/{lobbyId}/chat'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/v1/messages'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/v1/messages/{playerId}'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/v1/messages/{playerId}/read'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/v1/blocks'] ?? {})).toEqual(['get']);
  });
});
