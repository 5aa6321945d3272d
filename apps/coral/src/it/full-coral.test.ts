/**
 * Issue #13: a full Coral stays observable. Two real Corals behind real nginx, each capped
 * at a few player sockets (MAX_PLAYER_SOCKETS). A socket past the cap is closed with
 * INSTANCE_FULL (4421) and Coraline reconnects through the load balancer to the other
 * instance; the full Coral still answers /healthz (public and internal) within 100 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coraline } from '@glaceon/client';
import { closeCodeOf } from '@glaceon/protocol';
import { connectPlayer, makeLobby, makePlayer } from '../test-support/players.js';
import { startCoralStack, type CoralStack } from '../test-support/stack.js';

const CAP = 3;

describe('a Coral filled to its socket cap', () => {
  let stack: CoralStack;
  const clients: Coraline[] = [];
  beforeAll(async () => {
    stack = await startCoralStack({ corals: 2, env: { MODES: '1v1', MAX_PLAYER_SOCKETS: String(CAP) } });
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await stack?.stop();
  });

  const player = async () => {
    const p = await makePlayer(stack.redis);
    await makeLobby(stack.redis, '1v1', [p]);
    return p;
  };

  it('refuses the next socket with INSTANCE_FULL (4421), still answers /healthz within 100 ms, and Coraline lands on the other instance', async () => {
    const full = stack.corals[0]!;
    const direct = `ws://127.0.0.1:${full.port}`;
    for (let i = 0; i < CAP; i++) {
      const c = connectPlayer(direct, await player(), { reconnect: false });
      clients.push(c);
      expect((await c.connect()).coralId).toBe(full.coralId);
    }

    // Straight at the full instance: the typed error, then close 4421, and Coraline would retry.
    const refused = connectPlayer(direct, await player(), { reconnect: false });
    clients.push(refused);
    const errors: string[] = [];
    refused.on('error', (e) => errors.push(e.code));
    const disconnected = new Promise<{ code: number; willReconnect: boolean }>((resolve) => refused.on('disconnected', resolve));
    await expect(refused.connect()).rejects.toThrow();
    expect((await disconnected).code).toBe(closeCodeOf('INSTANCE_FULL'));
    expect(closeCodeOf('INSTANCE_FULL')).toBe(4421);
    expect(errors).toEqual(['INSTANCE_FULL']);

    // Observable while full: both listeners answer quickly and say so. (One request to the other
    // instance first: the test process's first fetch loads undici, which is not Coral's time.)
    await fetch(`http://127.0.0.1:${stack.corals[1]!.internalPort}/healthz`).then((r) => r.text());
    // Five requests per listener, the median under 100 ms: one request's time on a shared machine
    // is mostly the scheduler's (this test process is starved too), the median is Coral's.
    for (const port of [full.internalPort, full.port]) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        const body = (await res.json()) as { ok: boolean; sockets: number; socketCap: number; full: boolean };
        times.push(performance.now() - started);
        expect(res.status).toBe(200);
        expect(body).toMatchObject({ ok: true, sockets: CAP, socketCap: CAP, full: true });
      }
      expect(times.sort((a, b) => a - b)[2]).toBeLessThan(100);
    }
    const metrics = await fetch(`http://127.0.0.1:${full.internalPort}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/coral_player_socket_cap\{[^}]*\} 3/);
    expect(metrics).toMatch(/coral_dropped_peers_total\{[^}]*reason="full"[^}]*\} [1-9]/);

    // Through the load balancer (round robin over both): whoever hits the full one is told
    // 4421 and reconnects through nginx until it lands on the other instance.
    const fullCloses: number[] = [];
    for (let i = 0; i < 2; i++) {
      const c = connectPlayer(stack.wsUrl, await player());
      clients.push(c);
      c.on('disconnected', (e) => {
        if (e.code === closeCodeOf('INSTANCE_FULL')) fullCloses.push(e.code);
        expect(e.willReconnect).toBe(true);
      });
      const welcome = await c.connect();
      expect(welcome.coralId).toBe(stack.corals[1]!.coralId);
      await c.startQueue();
    }
    // Round robin sent one of the two consecutive connections to the full Coral first.
    expect(fullCloses.length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
