import { test, expect, type Launcher } from '../fixtures/index.js';
import {
  befriend,
  createLobby,
  expectRefused,
  friendsList,
  homeHeading,
  inviteLink,
  joinDialog,
  members,
  pasteInvite,
  queueHeading,
  register,
  uniqueName,
} from '../fixtures/player.js';

/** Paste a link and confirm "Join <host>'s lobby?"; the guest lands in the host's lobby. */
async function joinWithLink(host: string, guest: Launcher, link: string): Promise<void> {
  await pasteInvite(guest, link);
  const dialog = joinDialog(guest.page);
  await expect(dialog.getByRole('heading', { name: `Join ${host}'s lobby?` })).toBeVisible();
  await dialog.getByRole('button', { name: 'Join lobby' }).click();
  await expect(dialog).toBeHidden();
  await expect(guest.page.getByRole('heading', { name: `${host}'s lobby`, exact: true })).toBeVisible();
}

test('the host removes a player, who cannot come back with the old link; the host is shown the new one', async ({ launchers }) => {
  const [nA, nB] = ['cirrus', 'stratus'].map(uniqueName) as [string, string];
  const [A, B] = await Promise.all([launchers.open('A'), launchers.open('B')]);
  await Promise.all([register(A, nA), register(B, nB)]);

  let oldLink = '';
  await test.step("B joins A's lobby with A's link; both show as connected", async () => {
    await createLobby(A, 'Teams (5v5)');
    oldLink = await inviteLink(A);
    await joinWithLink(nA, B, oldLink);
    const rowB = A.page.getByTestId(`member-${nB}`);
    await expect(rowB).toContainText('Connected');
    await expect(B.page.getByTestId(`member-${nA}`)).toContainText('Connected');
    // Only the host has the actions.
    await expect(B.page.getByRole('button', { name: `Remove ${nA} from the lobby` })).toHaveCount(0);
    await A.shot('party with member actions');
  });

  await test.step('A removes B after confirming; B is told, A sees a new link', async () => {
    await A.page.getByRole('button', { name: `Remove ${nB} from the lobby` }).click();
    const confirm = A.page.getByRole('alertdialog', { name: `Remove ${nB} from the lobby?` });
    await expect(confirm).toBeVisible();
    await A.shot('confirm remove');
    // The keyboard alone: focus starts on Cancel, Tab reaches Remove, Enter confirms.
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await A.page.keyboard.press('Tab');
    await expect(confirm.getByRole('button', { name: 'Remove' })).toBeFocused();
    await A.page.keyboard.press('Enter');
    await expect(confirm).toBeHidden();
    await expect(B.page.getByText('You were removed from the lobby.')).toBeVisible();
    await expect(homeHeading(B.page, nB)).toBeVisible();
    await expect(members(A.page)).not.toContainText(nB);
    await expect(A.page.getByText(`${nB} was removed. The old invite link no longer works; here is a new one.`)).toBeVisible();
    await expect(A.page.getByRole('textbox', { name: 'Invite link' })).not.toHaveValue(oldLink);
    await expect(A.page.getByRole('textbox', { name: 'Invite link' })).toHaveValue(/^glaceon:\/\/join\/.+/);
    await A.shot('member removed, new link');
  });

  await test.step('the old link no longer admits B; the lobby still holds A alone', async () => {
    await pasteInvite(B, oldLink);
    await expectRefused(B, 'This invite was revoked.', 'old link refused after the kick');
    await expect(homeHeading(B.page, nB)).toBeVisible();
    await expect(members(A.page)).not.toContainText(nB);
    await expect(A.page.getByText(/· 1 of 5 players/)).toBeVisible();
  });
});

test('a member leaves the queue: the search stops for the party and the host sees who', async ({ launchers }) => {
  const [nA, nB] = ['nimbus', 'cumulus'].map(uniqueName) as [string, string];
  const [A, B] = await Promise.all([launchers.open('A'), launchers.open('B')]);
  await Promise.all([register(A, nA), register(B, nB)]);
  await createLobby(A, /Doubles \(2v2\)/);
  await joinWithLink(nA, B, await inviteLink(A));
  await expect(B.page.getByText('Matchmaking: Connected')).toBeVisible();

  await A.page.getByRole('button', { name: 'Find match' }).click();
  await expect(queueHeading(A.page)).toBeVisible();
  await expect(queueHeading(B.page)).toBeVisible();
  await B.shot('member in queue can leave');
  await B.page.getByRole('button', { name: 'Leave queue' }).click();

  await expect(A.page.getByRole('heading', { name: 'Your lobby' })).toBeVisible();
  await expect(A.page.getByText(`${nB} left the queue.`)).toBeVisible();
  await expect(B.page.getByRole('heading', { name: `${nA}'s lobby`, exact: true })).toBeVisible();
  await expect(B.page.getByText('You cancelled the search.')).toBeVisible();
  await A.shot('host sees who left the queue');
});

test('ask to join a friend from the friends list: the host accepts and the friend joins', async ({ launchers }) => {
  const [nA, nB] = ['altus', 'virga'].map(uniqueName) as [string, string];
  const [A, B] = await Promise.all([launchers.open('A'), launchers.open('B')]);
  await Promise.all([register(A, nA), register(B, nB)]);
  await befriend(A, B, nB, nA);
  await createLobby(A, 'Teams (5v5)');

  await expect(friendsList(B.page).getByText('In a lobby')).toBeVisible();
  await B.page.getByRole('button', { name: `Ask to join ${nA}'s lobby` }).click();
  await expect(B.page.getByText(`Asked to join ${nA}'s lobby. The host will answer.`)).toBeVisible();

  // A hears it: the request in the lobby, and a badge on the navigation.
  await expect(A.page.getByTestId('nav-pending')).toHaveText('1');
  await expect(A.page.getByRole('list', { name: 'Join requests' })).toContainText(nB);
  await A.shot('join request and badge');
  await A.page.getByRole('button', { name: `Let ${nB} join` }).click();

  await expect(B.page.getByRole('heading', { name: `${nA}'s lobby`, exact: true })).toBeVisible();
  await expect(members(A.page)).toContainText(nB);
  await expect(A.page.getByTestId('nav-pending')).toHaveCount(0);
  await B.shot('joined by request');
});
