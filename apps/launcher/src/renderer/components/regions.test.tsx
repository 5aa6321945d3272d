import { act, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { QueueStatus } from '@glaceon/protocol';
import { App } from '../App.js';
import '../bridge/window.js';
import { StoreProvider } from '../store/context.js';
import { NetError } from '../net/backend.js';
import { createAppStore } from '../store/index.js';
import { previewRegionQueues } from '../preview/queue-fixtures.js';
import { makeHarness, makeLobby, ME, snapshot, type Harness } from '../test/fakes.js';

const RTT: Record<string, number> = { 'ws://127.0.0.1:19701': 31, 'ws://127.0.0.1:19702': 112 };

/** Signed in against a server whose queue file has three regions; ap-southeast's ping endpoint does not answer. */
async function regionHarness(opts: { latencyEveryMs?: number } = {}): Promise<Harness> {
  return makeHarness({
    signedIn: true,
    queues: previewRegionQueues(),
    ...opts,
    setup: (fake) =>
      fake.backend.measureRegion.mockImplementation(async (url: string) => {
        const rtt = RTT[url];
        if (rtt === undefined) throw new NetError('NETWORK', 'no answer');
        return rtt;
      }),
  });
}

function renderApp(h: Harness) {
  window.glaceon = h.bridge;
  return render(
    <StoreProvider store={h.store}>
      <App />
    </StoreProvider>,
  );
}

const FROST = { id: 'p_frost', name: 'frost' };
const status = (over: Partial<QueueStatus>): QueueStatus => ({
  type: 'queue.status',
  lobbyId: 'l_1',
  mode: '2v2',
  queuedAt: 1,
  elapsedMs: 12_000,
  playersSearching: 9,
  estimatedWaitMs: 15_000,
  ratingWindow: 400,
  ...over,
});

describe('region latencies (store)', () => {
  it('measures every region Realm lists at start, keeps the results, and reports the ones that answered after Coral welcomes us', async () => {
    const h = await regionHarness();
    await waitFor(() => expect(h.store.getState().latency.measuredAt).not.toBeNull());
    expect(h.fake.backend.measureRegion.mock.calls.map((c) => c[0]).sort()).toEqual(['ws://127.0.0.1:19701', 'ws://127.0.0.1:19702', 'ws://127.0.0.1:19703']);
    const { byRegion } = h.store.getState().latency;
    expect(Object.fromEntries(Object.entries(byRegion).map(([id, m]) => [id, m.rttMs]))).toEqual({ 'eu-west': 31, 'us-east': 112, 'ap-southeast': null });
    // Not in a lobby: no Coral, nothing reported yet.
    expect(h.fake.backend.reportLatencies).not.toHaveBeenCalled();

    act(() => h.fake.realm(snapshot({ lobby: makeLobby() })));
    const both = [
      { region: 'eu-west', rttMs: 31 },
      { region: 'us-east', rttMs: 112 },
    ];
    await waitFor(() => expect(h.fake.backend.reportLatencies).toHaveBeenCalledWith(both));
    await waitFor(() => expect(h.store.getState().latency.reported).toEqual(both));
    // A reconnect (possibly to another Coral): told again.
    const before = h.fake.backend.reportLatencies.mock.calls.length;
    h.fake.coralWelcome();
    await waitFor(() => expect(h.fake.backend.reportLatencies.mock.calls.length).toBe(before + 1));
  });

  it('a chosen region reports only that region, is saved in the settings, and survives a restart; Automatic reports all again', async () => {
    const h = await regionHarness();
    act(() => h.fake.realm(snapshot({ lobby: makeLobby() })));
    await waitFor(() => expect(h.store.getState().latency.reported).not.toBeNull());
    expect(await h.store.getState().chooseRegion('us-east')).toBe(true);
    expect(h.fake.backend.reportLatencies).toHaveBeenLastCalledWith([{ region: 'us-east', rttMs: 112 }]);
    expect((await h.bridge.getSettings()).region).toBe('us-east');
    // A restart: a new store over the same (persisted) settings.
    const again = createAppStore({ backend: h.fake.backend, bridge: h.bridge, now: () => 1 });
    await again.getState().loadSettings();
    expect(again.getState().settings.values?.region).toBe('us-east');
    await h.store.getState().chooseRegion('');
    expect(h.fake.backend.reportLatencies).toHaveBeenLastCalledWith([
      { region: 'eu-west', rttMs: 31 },
      { region: 'us-east', rttMs: 112 },
    ]);
    // A saved region the server no longer lists counts as Automatic.
    await h.bridge.updateSettings({ region: 'gone-region' });
    await h.store.getState().loadSettings();
    await h.store.getState().reportLatencies();
    expect(h.fake.backend.reportLatencies).toHaveBeenLastCalledWith([
      { region: 'eu-west', rttMs: 31 },
      { region: 'us-east', rttMs: 112 },
    ]);
    await h.store.getState().chooseRegion('');
    // A region id the settings refuse changes nothing.
    expect(await h.store.getState().chooseRegion('Not A Region')).toBe(false);
    expect((await h.bridge.getSettings()).region).toBe('');
  });

  it('a Coral that refuses or ignores region.latencies changes nothing else (the report is just not confirmed)', async () => {
    const h = await regionHarness();
    h.fake.backend.reportLatencies.mockRejectedValue(new NetError('INVALID_MESSAGE', 'unknown type'));
    act(() => h.fake.realm(snapshot({ lobby: makeLobby() })));
    await waitFor(() => expect(h.fake.backend.reportLatencies).toHaveBeenCalled());
    expect(h.store.getState().latency.reported).toBeNull();
    expect(h.store.getState().connection.coral).toBe('online');
    await h.store.getState().startQueue();
    expect(h.fake.backend.startQueue).toHaveBeenCalled();
    expect(h.store.getState().queue.error).toBeNull();
  });

  it('measures again on its interval, and a call while one runs joins it', async () => {
    const h = await regionHarness({ latencyEveryMs: 60 });
    await waitFor(() => expect(h.fake.backend.measureRegion.mock.calls.length).toBeGreaterThanOrEqual(6), { timeout: 3000 });
    const calls = h.fake.backend.measureRegion.mock.calls.length;
    const a = h.store.getState().measureLatencies();
    const b = h.store.getState().measureLatencies();
    expect(a).toBe(b);
    await a;
    expect(h.fake.backend.measureRegion.mock.calls.length).toBeLessThanOrEqual(calls + 3 + 3); // at most this run (+ one timer run)
  });

  it('a server without regions: nothing measured, nothing reported, no Region card', async () => {
    const h = await makeHarness({ signedIn: true });
    await waitFor(() => expect(h.store.getState().catalog.loaded).toBe(true));
    act(() => h.fake.realm(snapshot({ lobby: makeLobby() })));
    expect(h.fake.backend.measureRegion).not.toHaveBeenCalled();
    expect(h.fake.backend.reportLatencies).not.toHaveBeenCalled();
    renderApp(h);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.queryByRole('region', { name: 'Region' })).toBeNull();
  });
});

describe('Settings → Region', () => {
  it('lists each region with its latency, saves a chosen region at once, and measures again on demand', async () => {
    const h = await regionHarness();
    await waitFor(() => expect(h.store.getState().latency.measuredAt).not.toBeNull());
    renderApp(h);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const card = screen.getByRole('region', { name: 'Region' });
    const group = within(card).getByRole('group', { name: 'Where to play' });
    expect(within(group).getByRole('radio', { name: /Automatic/ })).toBeChecked();
    expect(within(group).getByRole('radio', { name: 'EU West, 31 ms' })).not.toBeChecked();
    expect(within(group).getByRole('radio', { name: 'US East, 112 ms' })).toBeInTheDocument();
    expect(within(group).getByRole('radio', { name: 'Asia Pacific (Southeast), No answer' })).toBeInTheDocument();

    await user.click(within(group).getByRole('radio', { name: 'US East, 112 ms' }));
    expect(within(card).getByRole('status')).toHaveTextContent('Saved: you will play in US East.');
    expect(within(group).getByRole('radio', { name: 'US East, 112 ms' })).toBeChecked();
    expect((await h.bridge.getSettings()).region).toBe('us-east');

    RTT['ws://127.0.0.1:19701'] = 18;
    const before = h.fake.backend.measureRegion.mock.calls.length;
    await user.click(within(card).getByRole('button', { name: 'Measure again' }));
    await waitFor(() => expect(within(group).getByRole('radio', { name: 'EU West, 18 ms' })).toBeInTheDocument());
    expect(h.fake.backend.measureRegion.mock.calls.length).toBe(before + 3);
    RTT['ws://127.0.0.1:19701'] = 31;
  });
});

describe('queue screen with regions', () => {
  it('names the region the lobby waits in and words every reason', async () => {
    const h = await regionHarness();
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ state: 'queued', members: [ME, FROST] }) })));
    const say = (s: Partial<QueueStatus>) => act(() => h.fake.coral(status(s)));
    const why = () => screen.getByLabelText('Why it takes a while');
    const at = 1_700_000_012_000;

    say({
      region: 'eu-west',
      why: { reason: 'few_players', playersInWindow: 7, playersNeeded: 3, nearestGap: null, window: 400, at, latencyLimitMs: 104, latencyMs: 31 },
    });
    const region = screen.getByText('Region').closest('div')!;
    expect(within(region).getByRole('definition')).toHaveTextContent('EU West · 31 ms');
    expect(why()).toHaveTextContent('7 players near your skill in EU West right now; a match needs 3 more. Widening the search.');

    say({ region: 'eu-west', why: { reason: 'party_cannot_fit', playersInWindow: 5, playersNeeded: 2, nearestGap: 10, window: 400, at } });
    expect(why()).toHaveTextContent('5 players near your skill in EU West, but their parties and yours do not make full teams yet. Widening the search.');

    say({ why: { reason: 'no_region_in_reach', playersInWindow: 0, playersNeeded: 3, nearestGap: null, window: 400, at, latencyLimitMs: 84, latencyMs: 104 } });
    expect(why()).toHaveTextContent('No region within 84 ms for everyone in your party yet; widening to 104 ms.');
    expect(screen.queryByText('Region')).toBeNull(); // no region yet: none named

    say({
      region: 'eu-west',
      why: { reason: 'waiting_for_server', playersInWindow: 3, playersNeeded: 3, nearestGap: 0, window: 400, at, latencyLimitMs: 90, latencyMs: 31 },
    });
    expect(why()).toHaveTextContent('A match is ready; waiting for a game server in EU West.');

    say({ region: 'us-east', why: { reason: 'matching', playersInWindow: 3, playersNeeded: 3, nearestGap: 0, window: 400, at } });
    expect(why()).toHaveTextContent('Enough players near your skill in US East: a match is being put together.');
    expect(within(screen.getByText('Region').closest('div')!).getByRole('definition')).toHaveTextContent(/^US East$/);
    // The why sits in the queue's polite live region, so a screen reader hears each new reason.
    expect(why().closest('[aria-live="polite"]')).not.toBeNull();
  });

  it('a solo player out of reach is told in the singular', async () => {
    const h = await regionHarness();
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ state: 'queued' }) })));
    act(() =>
      h.fake.coral(
        status({ why: { reason: 'no_region_in_reach', playersInWindow: 0, playersNeeded: 1, nearestGap: null, window: 100, at: 1, latencyLimitMs: 80 } }),
      ),
    );
    expect(screen.getByLabelText('Why it takes a while')).toHaveTextContent('No region within 80 ms of you yet; widening the limit.');
  });

  it("shows the estimate for a party of its size in its region when the leader has one, else the queue's", async () => {
    const h = await regionHarness();
    renderApp(h);
    act(() => h.fake.realm(snapshot({ lobby: makeLobby({ state: 'queued', members: [ME, FROST] }) })));
    const estimate = () => within(screen.getByText('Estimated wait').closest('div')!).getByRole('definition');
    const why = { reason: 'few_players' as const, playersInWindow: 7, playersNeeded: 3, nearestGap: null, window: 400, at: 1 };
    act(() => h.fake.coral(status({ region: 'eu-west', estimatedWaitMs: 15_000, why })));
    expect(estimate()).toHaveTextContent('~15 s');
    act(() => h.fake.coral(status({ region: 'eu-west', estimatedWaitMs: 15_000, why: { ...why, estimatedWaitMs: 42_000 } })));
    expect(estimate()).toHaveTextContent('~42 s');
  });
});
