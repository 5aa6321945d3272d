import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../App.js';
import '../bridge/window.js';
import { StoreProvider } from '../store/context.js';
import { NetError } from '../net/backend.js';
import { makeHarness, ME, type Harness } from '../test/fakes.js';
import { previewGame } from '../preview/progression-fixtures.js';

function renderApp(h: Harness) {
  window.glaceon = h.bridge;
  return render(
    <StoreProvider store={h.store}>
      <App />
    </StoreProvider>,
  );
}

const nav = () => screen.getByRole('navigation', { name: 'Main' });

// Whole-App renders with jsdom: ~2 s for the first on an idle machine, far more when the machine is loaded.
describe('progression screens', { timeout: 15_000 }, () => {
  it('profile: per-queue rating, tier or provisional, and the history link; keyboard reachable', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    const user = userEvent.setup();
    await user.click(within(nav()).getByRole('button', { name: 'Profile' }));
    expect(await screen.findByRole('heading', { name: 'Your profile' })).toBeInTheDocument();
    expect(h.fake.backend.profile).toHaveBeenCalledWith(ME.id);
    const doubles = screen.getByRole('region', { name: 'Doubles (2v2) rating' });
    expect(doubles).toHaveTextContent('1234');
    expect(doubles).toHaveTextContent('Gold');
    expect(screen.getByRole('region', { name: 'Duel (1v1) rating' })).toHaveTextContent('Provisional · 1 of 5 games');
    expect(within(doubles).getByLabelText('Recent form, newest first: win, win, loss, win, draw')).toBeInTheDocument();
    const open = screen.getByRole('button', { name: 'Open your match history' });
    open.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Your match history' })).toBeInTheDocument();
  });

  it('history: a list of games with details, an empty state and an error state', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.backend.history.mockRejectedValueOnce(new NetError('UNAVAILABLE', 'Realm is busy.'));
    renderApp(h);
    const user = userEvent.setup();
    await user.click(within(nav()).getByRole('button', { name: 'Match history' }));
    expect(await screen.findByText('Realm is busy.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    const games = await screen.findByRole('list', { name: 'Games' });
    expect(within(games).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByText('Pick a game')).toBeInTheDocument();
    await user.click(within(games).getAllByRole('button')[0]!);
    const details = screen.getByRole('region', { name: 'Game details' });
    expect(within(details).getByRole('region', { name: 'Team 2 · Defeat' })).toHaveTextContent('cinder');
    expect(within(details).getByLabelText('dune: rating 1190 to 1172, −18')).toBeInTheDocument();

    h.fake.backend.history.mockResolvedValueOnce({ playerId: ME.id, games: [], total: 0, offset: 0 });
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByText('No games yet')).toBeInTheDocument();
  });

  it('leaderboard: tabs per queue (arrow keys), your row and position', async () => {
    const h = await makeHarness({ signedIn: true });
    renderApp(h);
    const user = userEvent.setup();
    await user.click(within(nav()).getByRole('button', { name: 'Leaderboards' }));
    const table = await screen.findByRole('table', { name: 'Leaderboard' });
    const mine = within(table)
      .getAllByRole('row')
      .find((r) => r.getAttribute('aria-current') === 'true');
    expect(mine).toHaveTextContent(ME.name);
    expect(screen.getByText(/Your position:/)).toHaveTextContent('Your position: #2 · rating 1234');
    screen.getByRole('tab', { name: 'Doubles (2v2)' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(h.fake.backend.leaderboard).toHaveBeenLastCalledWith('5v5');
    expect(screen.getByRole('tab', { name: 'Teams (5v5)' })).toHaveAttribute('aria-selected', 'true');
  });

  it('the result after a game shows the rating change and both teams', async () => {
    const h = await makeHarness({ signedIn: true });
    h.fake.backend.game.mockResolvedValueOnce(previewGame('g_done', true));
    h.store.setState((s) => ({ game: { ...s.game, lastResult: { type: 'game.ended', gameId: 'g_done', result: { winningTeam: 0 }, endedAt: 1 } } }));
    renderApp(h);
    const card = await screen.findByRole('region', { name: 'Game result' });
    expect(await within(card).findByText('+24')).toBeInTheDocument();
    expect(within(card).getByRole('region', { name: 'Team 2 · Defeat' })).toHaveTextContent('cinder');
    expect(h.fake.backend.game).toHaveBeenCalledWith('g_done');
  });
});
