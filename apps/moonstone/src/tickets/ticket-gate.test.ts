import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url, newId, type JoinTicketPayload } from '@glaceon/protocol';
import { generateTicketKeyPair, signJoinTicket } from '@glaceon/protocol/node';
import { TicketGate, type GameView } from './ticket-gate.js';

/** Seeded PRNG (mulberry32) so a failure can be replayed: TICKET_FUZZ_SEED=<seed>. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class FakeGame implements GameView {
  phase: 'waiting' | 'running' | 'over' = 'running';
  readonly connected = new Set<string>();
  constructor(readonly roster: string[]) {}
  hasPlayer(p: string) {
    return this.roster.includes(p);
  }
  isConnected(p: string) {
    return this.connected.has(p);
  }
}

const SERVER = 'ms_gate';
const key = generateTicketKeyPair();
const otherKey = generateTicketKeyPair();
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function flipBit(bytes: Uint8Array, rand: () => number): Uint8Array {
  const copy = bytes.slice();
  const i = Math.floor(rand() * copy.length);
  copy[i] = copy[i]! ^ (1 << Math.floor(rand() * 8));
  return copy;
}

describe('ticket gate', () => {
  it('accepts every valid ticket and refuses >= 10,000 mutated ones', () => {
    const seed = Number(process.env.TICKET_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`ticket fuzz seed: ${seed} (rerun with TICKET_FUZZ_SEED=${seed})`);
    const rand = prng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const games = new Map<string, FakeGame>();
    const gate = new TicketGate(SERVER, () => key.publicKeyPem);
    const lookup = (id: string) => games.get(id);
    const now = 1_800_000_000_000;
    const base = (gid: string, pid: string): JoinTicketPayload => ({ v: 1, jti: newId('jt_'), gid, pid, sid: SERVER, iat: now - 1000, exp: now + 60_000 });

    const refusedCodes = new Map<string, number>();
    let mutated = 0;
    let validAccepted = 0;
    const mustRefuse = (ticket: string, claimedGame: string, why: string) => {
      mutated++;
      const r = gate.admit(ticket, claimedGame, lookup, now);
      if (r.ok) throw new Error(`ACCEPTED a mutated ticket (${why}), seed ${seed}: ${ticket}`);
      refusedCodes.set(r.error.code, (refusedCodes.get(r.error.code) ?? 0) + 1);
    };

    for (let round = 0; mutated < 10_000; round++) {
      const gid = `g_round${round}`;
      const roster = Array.from({ length: 2 + Math.floor(rand() * 3) }, (_, i) => `p_r${round}n${i}`);
      const game = new FakeGame(roster);
      games.set(gid, game);
      const pid = pick(roster);
      const payload = base(gid, pid);
      const valid = signJoinTicket(payload, key.privateKeyPem);
      const [head, sig] = valid.split('.') as [string, string];

      // Mutants of a fresh, never-used ticket: only a real flaw could admit one.
      mustRefuse(`${encodeBase64Url(flipBit(decodeBase64Url(head)!, rand))}.${sig}`, gid, 'payload bit flip');
      mustRefuse(`${head}.${encodeBase64Url(flipBit(decodeBase64Url(sig)!, rand))}`, gid, 'signature bit flip');
      const at = Math.floor(rand() * valid.length);
      // Any other character: a replacement equal to the original (e.g. '.' for the separator) would be no mutation at all.
      const replacement = pick([...ALPHABET, '.'].filter((c) => c !== valid[at]));
      mustRefuse(valid.slice(0, at) + replacement + valid.slice(at + 1), gid, `char ${at} changed`);
      mustRefuse(valid.slice(0, Math.floor(rand() * valid.length)), gid, 'truncated');
      mustRefuse(signJoinTicket(payload, otherKey.privateKeyPem), gid, 'another key');
      mustRefuse(signJoinTicket({ ...payload, jti: newId('jt_'), iat: now - 120_000, exp: now - 1 }, key.privateKeyPem), gid, 'expired');
      mustRefuse(signJoinTicket({ ...payload, jti: newId('jt_'), pid: `p_stranger${round}` }, key.privateKeyPem), gid, 'player not on roster');
      mustRefuse(
        signJoinTicket({ ...payload, jti: newId('jt_'), gid: `g_elsewhere${round}` }, key.privateKeyPem),
        `g_elsewhere${round}`,
        'game not on this server',
      );
      mustRefuse(valid, round > 0 ? `g_round${round - 1}` : 'g_none', 'hello names another game');
      mustRefuse(signJoinTicket({ ...payload, jti: newId('jt_'), sid: 'ms_other' }, key.privateKeyPem), gid, 'another server');

      // The genuine ticket: admitted once.
      const first = gate.admit(valid, gid, lookup, now);
      expect(first.ok, JSON.stringify(first)).toBe(true);
      validAccepted++;
      game.connected.add(pid);
      // Replayed while its owner is connected (someone else holding a copy): refused.
      mustRefuse(valid, gid, 'replay while the owner is connected');
      // A different genuine ticket for an already connected player: refused.
      mustRefuse(signJoinTicket({ ...payload, jti: newId('jt_') }, key.privateKeyPem), gid, 'second ticket for a connected player');
      // The owner dropped: the same ticket never admits again (issue #12, item 13), a fresh one brings them back.
      game.connected.delete(pid);
      mustRefuse(valid, gid, 'the used ticket, owner disconnected');
      const back = gate.admit(signJoinTicket({ ...payload, jti: newId('jt_') }, key.privateKeyPem), gid, lookup, now + 1000);
      expect(back.ok && back.value.reconnect).toBe(true);
      validAccepted++;
      // The game ends: the ticket never admits anyone again, expired or not.
      game.phase = 'over';
      gate.forgetGame(gid);
      mustRefuse(valid, gid, 'replay after the game ended');
      mustRefuse(valid, gid, 'replay after the game ended (twice)');
      games.delete(gid);
      mustRefuse(valid, gid, 'replay after the game was removed');
    }
    console.log(`tickets: ${mutated} mutated refused, ${validAccepted} valid admissions; codes ${JSON.stringify(Object.fromEntries(refusedCodes))}`);
    expect(mutated).toBeGreaterThanOrEqual(10_000);
    expect(refusedCodes.get('TICKET_INVALID')).toBeGreaterThan(0);
    expect(refusedCodes.get('TICKET_EXPIRED')).toBeGreaterThan(0);
    expect(refusedCodes.get('TICKET_USED')).toBeGreaterThan(0);
  });

  it('a ticket admits once, ever: no rejoin with it, even past exp or after its owner left; a fresh ticket does', () => {
    const gate = new TicketGate(SERVER, () => key.publicKeyPem);
    const game = new FakeGame(['p_a', 'p_b']);
    const lookup = (id: string) => (id === 'g_x' ? game : undefined);
    const t0 = 1_800_000_000_000;
    const sign = (pid: string, iat: number, exp: number) =>
      signJoinTicket({ v: 1, jti: newId('jt_'), gid: 'g_x', pid, sid: SERVER, iat, exp }, key.privateKeyPem);
    const used = sign('p_a', t0, t0 + 1000);
    const unused = sign('p_b', t0, t0 + 1000);
    expect(gate.admit(used, 'g_x', lookup, t0 + 10)).toMatchObject({ ok: true, value: { reconnect: false } });
    // Not connected (the fake game never marked them): still refused, the ticket is spent.
    expect(gate.admit(used, 'g_x', lookup, t0 + 20)).toMatchObject({ ok: false, error: { code: 'TICKET_USED' } });
    const later = t0 + 60_000;
    expect(gate.admit(used, 'g_x', lookup, later)).toMatchObject({ ok: false, error: { code: 'TICKET_EXPIRED' } });
    const neverUsed = gate.admit(unused, 'g_x', lookup, later);
    expect(!neverUsed.ok && neverUsed.error.code).toBe('TICKET_EXPIRED');
    expect(gate.admit(sign('p_a', later, later + 1000), 'g_x', lookup, later + 1)).toMatchObject({ ok: true, value: { reconnect: true } });
    // Expired ids are forgotten (memory stays bounded by the live tickets).
    expect(gate.remembered).toBe(1);
  });

  it("throttles one player's reconnects (a burst, then one per refill) without spending the refused ticket", () => {
    const gate = new TicketGate(SERVER, () => key.publicKeyPem, { burst: 2, refillMs: 1000 });
    const game = new FakeGame(['p_a']);
    const lookup = (id: string) => (id === 'g_t' ? game : undefined);
    const t0 = 1_800_000_000_000;
    const fresh = () => signJoinTicket({ v: 1, jti: newId('jt_'), gid: 'g_t', pid: 'p_a', sid: SERVER, iat: t0, exp: t0 + 60_000 }, key.privateKeyPem);
    expect(gate.admit(fresh(), 'g_t', lookup, t0).ok).toBe(true);
    expect(gate.admit(fresh(), 'g_t', lookup, t0 + 1).ok).toBe(true);
    const third = fresh();
    expect(gate.admit(third, 'g_t', lookup, t0 + 2)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(gate.admit(third, 'g_t', lookup, t0 + 1100)).toMatchObject({ ok: true, value: { reconnect: true } });
  });

  it('answers UNAVAILABLE before the server knows the public key', () => {
    const gate = new TicketGate(SERVER, () => undefined);
    const r = gate.admit('x.y', 'g_x', () => undefined);
    expect(!r.ok && r.error.code).toBe('UNAVAILABLE');
  });
});
