import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { PlayerMatchView } from '@glaceon/store';
import { PlayerConnection } from '../socket/connection.js';
import { PlayerRegistry, toldPosition, viewKey, viewKeys } from './registry.js';

const ws = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: () => undefined } as unknown as WebSocket;
const conn = (playerId: string) =>
  new PlayerConnection(ws, playerId, playerId, { maxBufferedBytes: 1, rateLimitPerSec: 1, rateLimitBurst: 1 }, () => undefined);

describe('PlayerRegistry: what a player was told', () => {
  it("builds the same view key from an event's fields as from a view read from keys", () => {
    expect(viewKey({ state: 'none' })).toBe(viewKeys.none());
    expect(viewKey({ state: 'idle', lobbyId: 'l_1', idleReason: null, lastResult: null })).toBe(viewKeys.idle('l_1'));
    expect(viewKey({ state: 'queued', lobbyId: 'l_1', mode: '1v1', ticket: 't_1', queuedAt: 1, partySize: 1 })).toBe(viewKeys.queued('t_1'));
    expect(
      viewKey({
        state: 'prematch',
        lobbyId: 'l_1',
        mode: '1v1',
        ticket: 't_1',
        prematchId: 'pm_1',
        deadline: 1,
        players: [],
        accepted: [],
        youAccepted: false,
        teams: [],
      }),
    ).toBe(viewKeys.prematch('pm_1'));
    const ingame = {
      state: 'ingame',
      lobbyId: 'l_1',
      mode: '1v1',
      ticket: 't_1',
      prematchId: 'pm_1',
      gameId: 'g_1',
      serverId: null,
      address: null,
      players: [],
      teams: [],
    } satisfies Omit<Extract<PlayerMatchView, { state: 'ingame' }>, 'game'>;
    expect(viewKey({ ...ingame, game: 'creating' })).toBe(viewKeys.ingame('g_1', 'creating'));
    expect(viewKey({ ...ingame, game: 'ready' })).toBe(viewKeys.ingame('g_1', 'ready'));
  });

  it('records position and key on the entry; told moves toldAt only when the key changes', () => {
    const registry = new PlayerRegistry(2);
    const { entry, first } = registry.add(conn('p_1'));
    expect(first).toBe(true);
    expect(toldPosition(entry)).toBeUndefined();
    registry.know(entry, { state: 'queued', lobbyId: 'l_1', mode: '1v1', queuedAt: 5 });
    registry.told(entry, viewKeys.queued('t_1'), 100);
    registry.told(entry, viewKeys.queued('t_1'), 200);
    expect(entry.toldAt).toBe(100);
    expect(toldPosition(entry)).toEqual({ state: 'queued', lobbyId: 'l_1', mode: '1v1', ticket: 't_1' });
    // Queued by a snapshot but last told something else: no ticket to prove it with.
    registry.told(entry, viewKeys.prematch('pm_1'), 300);
    expect(toldPosition(entry)).toEqual({ state: 'queued', lobbyId: 'l_1', mode: '1v1', ticket: undefined });
    // In a ready check: the prematch (and its slot) is what proves it.
    registry.know(entry, { state: 'prematch', lobbyId: 'l_1', mode: '1v1', prematchId: 'pm_1' });
    expect(toldPosition(entry)).toEqual({ state: 'prematch', lobbyId: 'l_1', mode: '1v1', prematchId: 'pm_1' });
    registry.know(entry, { state: 'ingame', lobbyId: 'l_1', mode: undefined, gameId: 'g_1', ready: true });
    expect(toldPosition(entry)).toEqual({ state: 'ingame', lobbyId: 'l_1', ready: true });
  });

  it("names a held player from their socket's session, and nobody once their last socket is gone", () => {
    const registry = new PlayerRegistry(1);
    const named = new PlayerConnection(ws, 'p_9', 'Nine', { maxBufferedBytes: 1, rateLimitPerSec: 1, rateLimitBurst: 1 }, () => undefined);
    expect(registry.heldName('p_9')).toBeUndefined();
    registry.add(named);
    expect(registry.heldName('p_9')).toBe('Nine');
    registry.remove(named);
    expect(registry.heldName('p_9')).toBeUndefined();
  });
});
