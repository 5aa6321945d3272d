import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { RealmClient } from '@glaceon/client';
import { test, expect } from '../fixtures/index.js';
import { befriend, createLobby, friendsList, inviteLink, joinDialog, members, PASSWORD, pasteInvite, register, uniqueName } from '../fixtures/player.js';

/*
 * Issue #15 (chat half): party chat, direct messages, block. What a player sees, with the
 * abuse the issue lists tried on the way (HTML and script text shown literally, an oversized
 * message and a flood refused with typed errors).
 */

const chatLog = (page: Page) => page.getByRole('log', { name: 'Chat messages' });
const chatInput = (page: Page) => page.getByLabel('Message to your party');

async function audit(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe on "${screen}"`).toEqual([]);
}

async function signIn(page: Page, name: string): Promise<void> {
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: `Ready to play, ${name}?` })).toBeVisible();
}

test('two players chat in a lobby: live both ways, system lines, hostile text shown literally, abuse refused', async ({ launchers, stack }) => {
  const [nA, nB] = [uniqueName('aurora'), uniqueName('frost')];
  const A = await launchers.open('A');
  const B = await launchers.open('B');
  await Promise.all([register(A, nA), register(B, nB)]);

  await test.step('B joins A lobby by link; both see the join in the chat', async () => {
    await createLobby(A, /Doubles \(2v2\)/);
    await expect(A.page.getByText('No messages yet')).toBeVisible();
    await chatInput(A.page).fill('anyone?');
    await chatInput(A.page).press('Enter');
    await expect(chatLog(A.page)).toContainText('anyone?');
    await pasteInvite(B, await inviteLink(A));
    await joinDialog(B.page).getByRole('button', { name: 'Join lobby' }).click();
    await expect(members(A.page)).toContainText(nB);
    await expect(chatLog(A.page)).toContainText(`${nB} joined the lobby.`);
    // History for the one who joined: what was said before they came.
    await expect(chatLog(B.page)).toContainText('anyone?');
    await expect(chatLog(B.page)).toContainText(`${nB} joined the lobby.`);
  });

  await test.step('messages arrive live both ways; HTML, script and markdown are shown as typed', async () => {
    const hostile = '<b>bold?</b> <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> **not markdown**';
    await chatInput(B.page).fill(hostile);
    await chatInput(B.page).press('Enter');
    await expect(chatLog(A.page).getByText(hostile, { exact: true })).toBeVisible();
    expect(await chatLog(A.page).locator('b, img, script').count()).toBe(0);
    expect(await A.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await chatInput(A.page).fill('gl hf');
    await chatInput(A.page).press('Enter');
    await expect(chatLog(B.page).getByText('gl hf', { exact: true })).toBeVisible();
    await A.shot('lobby chat');
    await audit(A.page, 'lobby with chat');
  });

  await test.step('abuse: an oversized message, 50 messages in a second and unknown fields get typed errors; nothing else changes', async () => {
    const realm = new RealmClient({ baseUrl: stack.realmUrl });
    await realm.signIn(nA, PASSWORD);
    const lobbyId = (await realm.currentLobby()).lobby!.id;
    const before = (await realm.lobbyChat(lobbyId)).length;
    const post = (body: unknown) =>
      fetch(`${stack.realmUrl}/v1/lobbies/${lobbyId}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${realm.token!}` },
        body: JSON.stringify(body),
      });
    const big = await post({ text: 'x'.repeat(501) });
    expect(big.status).toBe(400);
    expect(await big.json()).toMatchObject({ code: 'INVALID_MESSAGE', path: '/body/text' });
    const extra = await post({ text: 'hi', color: 'red' });
    expect(await extra.json()).toMatchObject({ code: 'INVALID_MESSAGE' });
    expect((await realm.lobbyChat(lobbyId)).length).toBe(before);
    const flood = await Promise.all(Array.from({ length: 50 }, (_, i) => post({ text: `flood ${i}` })));
    const ok = flood.filter((r) => r.status === 201).length;
    const limited = flood.filter((r) => r.status === 429);
    expect(ok + limited.length).toBe(50);
    expect(limited.length).toBeGreaterThanOrEqual(40);
    expect(await limited[0]!.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await realm.lobbyChat(lobbyId)).length).toBe(before + ok);
    // What B's launcher shows is what the chat holds: the flood's accepted lines, nothing refused.
    await expect(chatLog(B.page).getByText(/^flood \d+$/)).toHaveCount(ok);
  });
});

test('two friends exchange a direct message while one is offline; it arrives at sign-in', async ({ launchers }) => {
  const [nA, nB] = [uniqueName('mira'), uniqueName('orion')];
  const A = await launchers.open('A');
  const B = await launchers.open('B');
  await Promise.all([register(A, nA), register(B, nB)]);
  await befriend(A, B, nB, nA);

  await test.step('B signs out; A writes to B', async () => {
    await B.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(B.page.getByRole('tab', { name: 'Sign in' })).toBeVisible();
    await expect(friendsList(A.page).getByText('Offline')).toBeVisible();
    await friendsList(A.page)
      .getByRole('button', { name: `Message ${nB}` })
      .click();
    await expect(A.page.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();
    await A.page.getByLabel(`Message to ${nB}`).fill('are you around tonight?');
    await A.page.getByLabel(`Message to ${nB}`).press('Enter');
    await expect(A.page.getByRole('log', { name: `Conversation with ${nB}` })).toContainText('are you around tonight?');
    await A.shot('messages');
    await audit(A.page, 'messages');
  });

  await test.step('B signs in: the unread badge, the conversation, then read', async () => {
    await signIn(B.page, nB);
    const nav = B.page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('button', { name: /Messages/ })).toContainText('1');
    await nav.getByRole('button', { name: /Messages/ }).click();
    const list = B.page.getByRole('list', { name: 'Conversations' });
    await expect(list).toContainText(nA);
    await list.getByRole('button', { name: new RegExp(nA) }).click();
    await expect(B.page.getByRole('log', { name: `Conversation with ${nA}` })).toContainText('are you around tonight?');
    await expect(nav.getByTestId('unread-badge')).toHaveCount(0);
    await B.shot('message arrived at sign-in');
  });

  await test.step('the reply arrives live', async () => {
    await B.page.getByLabel(`Message to ${nA}`).fill('yes! 9pm');
    await B.page.getByLabel(`Message to ${nA}`).press('Enter');
    await expect(A.page.getByRole('log', { name: `Conversation with ${nB}` })).toContainText('yes! 9pm');
  });
});

test("a blocked player's invite never arrives, and the block list is in Settings", async ({ launchers, stack }) => {
  const [nA, nB, nC] = [uniqueName('sable'), uniqueName('tundra'), uniqueName('quill')];
  const A = await launchers.open('A');
  const B = await launchers.open('B');
  const C = await launchers.open('C');
  await Promise.all([register(A, nA), register(B, nB), register(C, nC)]);
  await befriend(A, B, nB, nA);
  await befriend(C, B, nB, nC);

  await test.step('B blocks A from the friends list (confirmed in place)', async () => {
    const row = friendsList(B.page).getByRole('listitem').filter({ hasText: nA });
    await row.getByRole('button', { name: `Block ${nA}` }).click();
    await B.page
      .getByRole('group', { name: `Block ${nA}` })
      .getByRole('button', { name: 'Block', exact: true })
      .click();
    await expect(friendsList(B.page).getByText(nA)).toHaveCount(0);
    await expect(friendsList(A.page).getByText(nB)).toHaveCount(0);
  });

  await test.step("A's invite is refused like a stranger's and never reaches B; C's does", async () => {
    await createLobby(A, /Doubles \(2v2\)/);
    // The launcher offers no invite (not friends any more); the API refuses exactly as for a stranger.
    await expect(A.page.getByRole('button', { name: `Invite ${nB}` })).toHaveCount(0);
    const realm = new RealmClient({ baseUrl: stack.realmUrl });
    await realm.signIn(nA, PASSWORD);
    const lobbyId = (await realm.currentLobby()).lobby!.id;
    const bId = await idOf(stack.realmUrl, nB);
    await expect(realm.inviteFriend(lobbyId, bId)).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'You can only invite friends.' });
    // C, a friend, invites B afterwards: once C's invite is shown, A's would have been too.
    await createLobby(C, /Doubles \(2v2\)/);
    await C.page.getByRole('button', { name: `Invite ${nB}` }).click();
    const toasts = B.page.getByRole('region', { name: 'Lobby invitations' });
    await expect(toasts).toContainText(nC);
    await expect(toasts).not.toContainText(nA);
    await B.shot('only the friend invite arrived');
  });

  await test.step('the block list in Settings, with Unblock', async () => {
    await B.page.getByRole('button', { name: 'Settings' }).click();
    const blocked = B.page.getByRole('list', { name: 'Blocked players' });
    await expect(blocked).toContainText(nA);
    await audit(B.page, 'settings with blocked players');
    await B.shot('blocked players');
    await blocked.getByRole('button', { name: `Unblock ${nA}` }).click();
    await expect(B.page.getByText('Nobody is blocked')).toBeVisible();
  });
});

/** A player's id, as anyone sees it in a friend request result. */
async function idOf(realmUrl: string, name: string): Promise<string> {
  const probe = new RealmClient({ baseUrl: realmUrl });
  await probe.register(uniqueName('probe'), PASSWORD);
  return (await probe.sendFriendRequest(name)).player.id;
}
