import { test, expect } from '../fixtures/index.js';
import {
  allAccept,
  allSeeReadyCheck,
  befriend,
  createLobby,
  inviteLink,
  joinDialog,
  members,
  onyxArgvs,
  onyxLogs,
  pasteInvite,
  queueHeading,
  readyCheck,
  register,
  uniqueName,
} from '../fixtures/player.js';

test('four players: friends, invite by notification and by link, queue, ready check, Onyx, result', async ({ launchers, stack }) => {
  const [nA, nB, nC, nD] = ['aurora', 'frost', 'cinder', 'dune'].map(uniqueName) as [string, string, string, string];
  const A = await launchers.open('A');
  const B = await launchers.open('B');
  const C = await launchers.open('C');
  const D = await launchers.open('D');
  const all = [A, B, C, D];

  await test.step('everyone creates an account', async () => {
    await expect(A.page.getByRole('tab', { name: 'Sign in' })).toBeVisible();
    await A.shot('sign in screen');
    await Promise.all([register(A, nA), register(B, nB), register(C, nC), register(D, nD)]);
    await A.shot('home');
  });

  await test.step('A and B become friends', async () => {
    await befriend(A, B, nB, nA);
    await expect(A.page.getByRole('region', { name: 'Friends list' }).getByText('Online')).toBeVisible();
    await A.shot('friends');
  });

  await test.step('A creates a 2v2 lobby and invites B by notification; B accepts', async () => {
    await createLobby(A, /Doubles \(2v2\)/);
    await A.page.getByRole('button', { name: `Invite ${nB}` }).click();
    const toast = B.page.getByRole('region', { name: 'Lobby invitations' });
    await expect(toast).toContainText(nA);
    await A.shot('lobby host invited');
    await B.shot('invite notification');
    await toast.getByRole('button', { name: 'Accept' }).click();
    await expect(B.page.getByRole('heading', { name: `${nA}'s lobby`, exact: true })).toBeVisible();
    await expect(members(A.page)).toContainText(nB);
    await expect(A.page.getByText(/Doubles \(2v2\) · 2 of 2 players/)).toBeVisible();
    await A.shot('lobby full');
    await B.shot('lobby member');
  });

  await test.step('C and D form a party through an invite link C copies from the lobby screen', async () => {
    await createLobby(C, /Doubles \(2v2\)/);
    const shown = await inviteLink(C);
    await C.page.getByRole('button', { name: 'Copy invite link' }).click();
    await expect(C.page.getByText('Copied to the clipboard.')).toBeVisible();
    const copied = await C.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown);
    await C.shot('invite link copied');
    await pasteInvite(D, copied);
    await expect(joinDialog(D.page).getByRole('heading', { name: `Join ${nC}'s lobby?` })).toBeVisible();
    await expect(joinDialog(D.page)).toContainText('1 player in the lobby');
    await D.shot('join confirmation');
    await joinDialog(D.page).getByRole('button', { name: 'Join lobby' }).click();
    await expect(joinDialog(D.page)).toBeHidden();
    await expect(D.page.getByRole('heading', { name: `${nC}'s lobby`, exact: true })).toBeVisible();
    await expect(members(C.page)).toContainText(nD);
    await D.shot('lobby member via link');
  });

  await test.step('A starts the queue from the lobby screen, C too; all four see the queue', async () => {
    await A.page.getByRole('button', { name: 'Find match' }).click();
    await expect(queueHeading(A.page)).toBeVisible();
    await expect(queueHeading(B.page)).toBeVisible();
    // #15: any member may leave the queue (it stops the search for the party); the host's button says "Cancel search".
    await expect(B.page.getByRole('button', { name: 'Leave queue' })).toBeVisible();
    await expect(B.page.getByText('Leaving the queue stops the search for the whole party.')).toBeVisible();
    await expect(A.page.getByRole('button', { name: 'Cancel search' })).toBeVisible();
    await A.shot('queue host');
    await B.shot('queue member');
    await C.page.getByRole('button', { name: 'Find match' }).click();
  });

  await test.step('all four see the ready check and accept', async () => {
    await allSeeReadyCheck(all);
    await expect(readyCheck(A.page)).toContainText('0 of 4 players accepted.');
    await A.shot('ready check');
    await allAccept(all);
  });

  let gameId = '';
  await test.step('four Onyx stand-ins start with the right arguments and join the same game', async () => {
    for (const l of all) await expect(l.page.locator('#main').getByText('In game', { exact: true })).toBeVisible();
    const servers = stack.moonstones.map((m) => `127.0.0.1:${m.port}`);
    const line = /Server (\S+) · game (\S+)/;
    const seen = await Promise.all(all.map(async (l) => line.exec((await l.page.getByText(line).textContent()) ?? '')));
    gameId = seen[0]![2]!;
    for (const m of seen) {
      expect(servers).toContain(m![1]);
      expect(m![2]).toBe(gameId);
    }
    await A.shot('in game');
    await D.shot('in game');
    const tickets = new Set<string>();
    for (const l of all) {
      const runs = await onyxArgvs(l);
      expect(runs).toHaveLength(1);
      const argv = runs[0]!;
      expect(argv).toEqual(['--moonstone', seen[0]![1], '--game', gameId, '--ticket', expect.stringMatching(/^\S{20,}$/)]);
      tickets.add(argv[5]!);
    }
    expect(tickets.size).toBe(4); // one ticket per player
  });

  await test.step('the game ends: all four are back in their lobbies with the result', async () => {
    for (const l of [A, B])
      await expect(l.page.getByRole('heading', { name: l === A ? 'Your lobby' : `${nA}'s lobby`, exact: true })).toBeVisible({ timeout: 30_000 });
    for (const l of [C, D])
      await expect(l.page.getByRole('heading', { name: l === C ? 'Your lobby' : `${nC}'s lobby`, exact: true })).toBeVisible({ timeout: 30_000 });
    // The result names the teams: each party sees its own outcome, and the two parties opposite ones.
    const outcome = (l: (typeof all)[number]) => l.page.getByText(/^(Victory! Your team won the game\.|Defeat\. The other team won this one\.)$/);
    for (const l of all) await expect(outcome(l)).toBeVisible();
    const [oA, oB, oC, oD] = await Promise.all(all.map((l) => outcome(l).textContent()));
    expect(oB).toBe(oA);
    expect(oD).toBe(oC);
    expect(oC).not.toBe(oA);
    await A.shot('back in lobby with result');
    await C.shot('back in lobby with result');
    for (const l of all) {
      const [log] = await onyxLogs(l);
      expect(log).toContain(`joined game ${gameId}`);
      expect(log).toMatch(/game over/);
      expect(log).not.toMatch(/--ticket (?!\[redacted\])/);
    }
  });
});
