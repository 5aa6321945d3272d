import { describe, expect, it } from 'vitest';
import { isErrorCode } from '@glaceon/protocol';
import { closeRedis, createRedis, type RedisClient } from './redis.js';
import { bindScripts, loadLua } from './lua.js';
import { keys } from './keys.js';
import { useRealRedis } from './test-support/real-redis.js';
import { commandsDuring } from './test-support/commands.js';

const scripts = bindScripts({ claimPlayer: loadLua('lobbies/claim-player', 1) });

describe('store against a real redis-server', () => {
  let client: RedisClient;
  let url = '';
  useRealRedis((ready) => {
    client = ready.redis;
    url = ready.server.url;
  });
  it('talks to the server the kit started', async () => {
    expect(await client.ping()).toBe('PONG');
    expect(isErrorCode('LOBBY_FULL')).toBe(true);
  });

  it("runs a script by EVALSHA, sending the body on a client's first call and again when the server lacks it (after a flush), inside one turn's coalesced write (Coral's command client)", async () => {
    const piped = createRedis(url, { coalesceWrites: true });
    try {
      await piped.script('FLUSH');
      const claim = (p: string) => scripts(piped).claimPlayer([keys.player(p)], ['l_x', `n_${p}`, Date.now()]);
      // One turn: a plain command and three script calls the server has never seen.
      const [pong, ...replies] = await Promise.all([piped.ping(), claim('p_a'), claim('p_b'), claim('p_c')]);
      expect(pong).toBe('PONG');
      for (const r of replies) expect(r[0]).toBeGreaterThanOrEqual(0);
      expect(await piped.hget(keys.player('p_b'), 'lobby')).toBeTruthy();
      // Sent whole once: the next call is an EVALSHA only.
      expect(await commandsDuring(piped, () => claim('p_d'))).toEqual({ script: 1 });
      // A restart or failover empties the server's cache: NOSCRIPT, then the body again.
      await piped.script('FLUSH');
      expect(await commandsDuring(piped, async () => expect((await claim('p_e'))[0]).toBeGreaterThanOrEqual(0))).toEqual({ script: 2 });
      expect(await piped.hget(keys.player('p_e'), 'lobby')).toBeTruthy();
    } finally {
      await closeRedis(piped);
    }
  });
});
