import { test, expect } from '../fixtures/index.js';
import { createLobby, expectRefused, inviteLink, nothingJoined, pasteInvite, register, uniqueName } from '../fixtures/player.js';

// Its own stack (Playwright starts a worker for these options): Realm with invites that live 3 s.
const ttlMs = 3_000;
test.use({ stackOptions: { extraEnv: { realm: { INVITE_TTL_MS: String(ttlMs) } } } });

test('an expired invite link says so and joins nothing', async ({ launchers }) => {
  const [nHost, nGuest] = ['serac', 'firn'].map(uniqueName) as [string, string];
  const host = await launchers.open('host');
  const guest = await launchers.open('guest');
  await Promise.all([register(host, nHost), register(guest, nGuest)]);
  await createLobby(host, /Doubles \(2v2\)/);
  const created = Date.now();
  const link = await inviteLink(host);
  // The condition is the invite's lifetime itself: wait until it is over by the clock.
  await expect.poll(() => Date.now() - created, { timeout: ttlMs + 10_000 }).toBeGreaterThan(ttlMs + 500);
  await pasteInvite(guest, link);
  await expectRefused(guest, 'This invite has expired.', 'expired');
  await nothingJoined(host, guest, nGuest, nHost);
});
