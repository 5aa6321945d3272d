/**
 * Concurrent joins through the HTTP API on two Realm instances sharing one
 * Redis: whatever interleaving, no player ends up in two lobbies, no lobby
 * over its size, and every pointer agrees with the lobby it names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealmClient } from '@glaceon/client';
import { newId } from '@glaceon/protocol';
import { createSession, getLobby, getPlayerLobbyId } from '@glaceon/store';
import { startStack, type Stack } from './test-support/harness.js';

describe('concurrent joins across instances', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Uses are reserved then refunded when a join fails, so under this contention a small limit would be briefly spent: keep it out of the way.
    stack = await startStack(2, { inviteMaxUses: 1000, rateLimits: { joinByToken: { max: 10_000, windowMs: 60_000 } } as never });
  });
  afterAll(async () => stack.close());

  /** Sessions straight from the store: joining needs a session, not a password hash (keeps scrypt out of this test). */
  async function player(i: number, instance: number): Promise<RealmClient & { id: string }> {
    const id = newId('p_');
    const { token } = await createSession(stack.redis, { playerId: id, name: `racer_${i}` });
    return Object.assign(new RealmClient({ baseUrl: stack.urls[instance]!, token }), { id });
  }

  it('never puts a player in two lobbies', async () => {
    const hosts = await Promise.all([0, 1, 2].map((i) => player(100 + i, i % 2)));
    const lobbies = await Promise.all(hosts.map((h) => h.createLobby('5v5')));
    const racers = await Promise.all(Array.from({ length: 24 }, (_, i) => player(i, i % 2)));
    // Every racer tries every lobby at once, half of them through each instance, and also to create one.
    const outcomes = await Promise.all(
      racers.flatMap((r) => [
        ...lobbies.map((l) =>
          r.joinByToken(l.invite!.token).then(
            () => 'ok',
            (e: { code: string }) => e.code,
          ),
        ),
        r.createLobby('5v5').then(
          () => 'created',
          (e: { code: string }) => e.code,
        ),
      ]),
    );
    expect(new Set(outcomes)).toEqual(new Set(outcomes.filter((o) => ['ok', 'created', 'ALREADY_IN_LOBBY', 'LOBBY_FULL'].includes(o))));

    const memberOf = new Map<string, string>();
    for (const r of [...hosts, ...racers]) {
      const pointer = await getPlayerLobbyId(stack.redis, r.id);
      // A racer whose every attempt lost a race is in no lobby; never in two.
      if (pointer === null) continue;
      const lobby = await getLobby(stack.redis, pointer!);
      expect(lobby!.members.length).toBeLessThanOrEqual(5);
      expect(lobby!.members.filter((m) => m.id === r.id)).toHaveLength(1);
      memberOf.set(r.id, pointer!);
    }
    // No player is listed in any lobby other than the one their pointer names.
    for (const l of lobbies) {
      const lobby = await getLobby(stack.redis, l.lobby.id);
      for (const m of lobby!.members) expect(memberOf.get(m.id)).toBe(l.lobby.id);
    }
    const placedRacers = racers.filter((r) => memberOf.has(r.id)).length;
    expect(outcomes.filter((o) => o === 'ok' || o === 'created')).toHaveLength(placedRacers);
    expect(placedRacers).toBeGreaterThan(0);
  });
});
