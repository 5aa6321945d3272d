import { randomBytes } from 'node:crypto';
import { test, expect } from '../fixtures/index.js';
import { createLobby, deliverDeepLink, expectRefused, inviteLink, joinDialog, nothingJoined, pasteInvite, register, uniqueName } from '../fixtures/player.js';

test('invalid and revoked invite links say so clearly and join nothing', async ({ launchers }) => {
  const [nHost, nGuest] = ['glacier', 'moraine'].map(uniqueName) as [string, string];
  const host = await launchers.open('host');
  const guest = await launchers.open('guest');
  await Promise.all([register(host, nHost), register(guest, nGuest)]);
  await createLobby(host, /Doubles \(2v2\)/);
  const oldLink = await inviteLink(host);

  await test.step('text that is not a link', async () => {
    await pasteInvite(guest, 'come play with us');
    await expect(guest.page.getByRole('alert')).toHaveText('Paste an invite link (glaceon://join/…) or the invite code.');
    await expect(joinDialog(guest.page)).toHaveCount(0);
    await guest.shot('not a link');
  });

  await test.step('a well-formed link to no lobby', async () => {
    await pasteInvite(guest, `glaceon://join/${randomBytes(24).toString('base64url')}`);
    await expectRefused(guest, 'This invite is not valid.', 'unknown invite');
    await nothingJoined(host, guest, nGuest, nHost);
  });

  await test.step('a damaged deep link from the OS, then one to no lobby', async () => {
    // A link that does not parse is dropped by the launcher (as the OS glue does); the next link is handled as usual.
    await deliverDeepLink(guest, 'glaceon://join/%%%');
    await deliverDeepLink(guest, `glaceon://join/${randomBytes(24).toString('base64url')}`);
    await expectRefused(guest, 'This invite is not valid.', 'unknown invite by deep link');
    await expect(joinDialog(guest.page)).toHaveCount(0);
    await nothingJoined(host, guest, nGuest, nHost);
  });

  await test.step('the host makes a new link: the old one is revoked', async () => {
    await host.page.getByRole('button', { name: 'New link' }).click();
    await expect(host.page.getByRole('textbox', { name: 'Invite link' })).not.toHaveValue(oldLink);
    await host.shot('new link');
    await pasteInvite(guest, oldLink);
    await expectRefused(guest, 'This invite was revoked.', 'revoked by paste');
    await deliverDeepLink(guest, oldLink);
    await expectRefused(guest, 'This invite was revoked.', 'revoked by deep link');
    await nothingJoined(host, guest, nGuest, nHost);
  });

  await test.step('the new link works', async () => {
    await pasteInvite(guest, await inviteLink(host));
    await joinDialog(guest.page).getByRole('button', { name: 'Join lobby' }).click();
    await expect(joinDialog(guest.page)).toBeHidden();
    await expect(guest.page.getByRole('heading', { name: `${nHost}'s lobby`, exact: true })).toBeVisible();
  });
});
