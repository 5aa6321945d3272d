import type { GameRecord, HistoryPage, Leaderboard, Profile } from '@glaceon/protocol';
import { me } from './fixtures.js';

/** Plausible progression data for the preview mode and component tests. */
export function previewGame(gameId = 'g_preview1', won = true): GameRecord {
  const skill = (rating: number) => ({ mu: rating + 300, sigma: 100, rating });
  return {
    gameId,
    queue: '2v2',
    region: 'local',
    startedAt: 1_700_000_000_000,
    endedAt: 1_700_000_754_000,
    durationMs: 754_000,
    endReason: 'finished',
    rated: true,
    winningTeam: won ? 0 : 1,
    teams: [
      {
        team: 0,
        result: won ? 'win' : 'loss',
        players: [
          { playerId: me.id, name: me.name, noShow: false, before: skill(1210), after: skill(won ? 1234 : 1190), delta: won ? 24 : -20 },
          { playerId: 'p_frost', name: 'frost', noShow: false, before: skill(1302), after: skill(won ? 1321 : 1285), delta: won ? 19 : -17 },
        ],
      },
      {
        team: 1,
        result: won ? 'loss' : 'win',
        players: [
          { playerId: 'p_cinder', name: 'cinder', noShow: false, before: skill(1250), after: skill(won ? 1231 : 1270), delta: won ? -19 : 20 },
          { playerId: 'p_dune', name: 'dune', noShow: false, before: skill(1190), after: skill(won ? 1172 : 1208), delta: won ? -18 : 18 },
        ],
      },
    ],
  };
}

export function previewProfile(playerId = me.id, name = me.name): Profile {
  return {
    id: playerId,
    name,
    historyVisible: true,
    queues: [
      { queue: '1v1', ranked: true, rating: 310, mu: 1700, sigma: 463, provisional: true, games: 1, wins: 1, form: 'W' },
      {
        queue: '2v2',
        ranked: true,
        rating: 1234,
        mu: 1534,
        sigma: 100,
        provisional: false,
        tier: { id: 'gold', label: 'Gold', min: 1100 },
        games: 42,
        wins: 25,
        form: 'WWLWD',
      },
      { queue: '5v5', ranked: true, rating: 0, mu: 1500, sigma: 500, provisional: true, games: 0, wins: 0, form: '' },
    ],
  };
}

export function previewHistory(playerId = me.id): HistoryPage {
  return { playerId, games: [previewGame('g_preview1', true), previewGame('g_preview2', false)], total: 2, offset: 0 };
}

export function previewLeaderboard(queue = '2v2', player: { id: string; name: string } = me): Leaderboard {
  const gold = { id: 'gold', label: 'Gold', min: 1100 };
  return {
    queue,
    total: 3,
    entries: [
      { position: 1, playerId: 'p_frost', name: 'frost', rating: 1321, tier: gold },
      { position: 2, playerId: player.id, name: player.name, rating: 1234, tier: gold },
      { position: 3, playerId: 'p_cinder', name: 'cinder', rating: 1231, tier: gold },
    ],
    me: { position: 2, playerId: player.id, name: player.name, rating: 1234, tier: gold },
  };
}
