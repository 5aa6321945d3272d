import { describe, expect, it } from 'vitest';
import { createDecoder } from '../core/decode.js';
import { IDLE_REASONS, IdleReason, isIdleReason, LobbySchema, type Lobby } from './lobby.js';

describe('idle reasons', () => {
  it('are one table: the list and the guard follow it', () => {
    expect(IDLE_REASONS).toEqual(Object.values(IdleReason));
    for (const reason of IDLE_REASONS) expect(isIdleReason(reason)).toBe(true);
    for (const v of ['toString', 'constructor', '', 'CANCELLED', 'gone_fishing', 1, null]) expect(isIdleReason(v)).toBe(false);
  });

  it('stay a plain string on the wire, so a reason newer than the client still decodes', () => {
    const lobby: Lobby = {
      id: 'l_1',
      host: 'p_a',
      mode: '2v2',
      members: [{ id: 'p_a', name: 'aurora' }],
      state: 'idle',
      ticket: '',
      queueMode: '',
      stateSince: 1,
      idleReason: 'gone_fishing',
      lastResult: null,
      createdAt: 1,
      version: 1,
    };
    expect(createDecoder(LobbySchema).decode(lobby).ok).toBe(true);
  });
});
