import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { PlayerConnection } from '../socket/connection.js';
import { DEFAULTS } from '../config/config.js';
import { PlayService, type PlayServiceDeps } from './play-service.js';

function serviceHolding(playerIds: string[]): PlayService {
  const play = new PlayService({ config: { queueEntryConcurrency: DEFAULTS.queueEntryConcurrency } } as PlayServiceDeps);
  const ws = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: () => undefined } as unknown as WebSocket;
  for (const id of playerIds)
    play.registry.add(new PlayerConnection(ws, id, id, { maxBufferedBytes: 1, rateLimitPerSec: 1, rateLimitBurst: 1 }, () => undefined));
  return play;
}

describe('PlayService.holdsAnyIn (pre-filter of raw queue events)', () => {
  const play = serviceHolding(['p_local1', 'p_local2']);

  it('keeps events naming a player held here, wherever the players key sits', () => {
    expect(play.holdsAnyIn('{"type":"prematch","mode":"1v1","pm":"pm_x","players":["p_far","p_local2"],"deadline":1}')).toBe(true);
    expect(play.holdsAnyIn('{"accepted":["p_far"],"type":"accepted","players":["p_local1","p_far"],"pm":"pm_x","mode":"1v1"}')).toBe(true);
  });

  it('drops events for other players, empty lists (cjson writes {}) and malformed payloads', () => {
    expect(play.holdsAnyIn('{"type":"prematch","players":["p_far","p_other"]}')).toBe(false);
    expect(play.holdsAnyIn('{"type":"accepted","accepted":["p_local1"],"players":["p_far"]}')).toBe(false);
    expect(play.holdsAnyIn('{"type":"left","players":{}}')).toBe(false);
    expect(play.holdsAnyIn('not json')).toBe(false);
    expect(serviceHolding([]).holdsAnyIn('{"players":["p_local1"]}')).toBe(false);
  });
});
