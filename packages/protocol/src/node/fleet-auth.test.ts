import { describe, expect, it } from 'vitest';
import { fleetPushCanonical } from '../fleet/auth.js';
import { FleetPushVerifier, fleetServerKey, signFleetPush } from './fleet-auth.js';

/** The test vector published in docs/moonstone-contract.md (checked there with openssl too). */
const VECTOR = {
  fleetSecret: 'glaceon-example-fleet-secret-0123456789',
  serverId: 'ms_eu1',
  serverKey: 'w2pm3DQQ6cTJEgXtjmhARZl7aAxX7grJbUKJfuBv1g0',
  body: '{"gameId":"g_example"}',
  bodySha256: '6e7c8ad3adffef796471534d4b0b096921375ab47bd71a3ecb42ac1565bc99a4',
  timestamp: 1764000000000,
  signature: 'v1=iTI6E_Y8Yz60wWXXgE7SdxvDS47nqJzepHc64-50XNM',
};

describe('fleet credentials and push signatures', () => {
  it('match the published test vector', () => {
    expect(fleetServerKey(VECTOR.fleetSecret, VECTOR.serverId)).toBe(VECTOR.serverKey);
    expect(signFleetPush(VECTOR.serverKey, 'POST', '/v1/games', VECTOR.body, VECTOR.timestamp)).toEqual({
      timestamp: String(VECTOR.timestamp),
      signature: VECTOR.signature,
    });
    expect(fleetPushCanonical('post', '/v1/games', '1', 'ab')).toBe('glaceon.fleet.push.v1\nPOST\n/v1/games\n1\nab');
  });

  it('a credential is bound to its server id', () => {
    expect(fleetServerKey(VECTOR.fleetSecret, 'ms_eu2')).not.toBe(VECTOR.serverKey);
    expect(fleetServerKey('another-secret', VECTOR.serverId)).not.toBe(VECTOR.serverKey);
  });

  it('the verifier refuses a missing, stale, tampered, foreign or replayed push', () => {
    const now = VECTOR.timestamp + 1000;
    const v = new FleetPushVerifier(VECTOR.serverKey, 30_000);
    const ts = String(VECTOR.timestamp);
    expect(v.check('POST', '/v1/games', VECTOR.body, undefined, VECTOR.signature, now)).toEqual({ ok: false, reason: 'missing' });
    expect(v.check('POST', '/v1/games', VECTOR.body, ts, VECTOR.signature, VECTOR.timestamp + 31_000)).toEqual({ ok: false, reason: 'stale' });
    expect(v.check('POST', '/v1/games', `${VECTOR.body} `, ts, VECTOR.signature, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(v.check('POST', '/v1/other', VECTOR.body, ts, VECTOR.signature, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const foreign = signFleetPush(fleetServerKey(VECTOR.fleetSecret, 'ms_eu2'), 'POST', '/v1/games', VECTOR.body, VECTOR.timestamp);
    expect(v.check('POST', '/v1/games', VECTOR.body, ts, foreign.signature, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(v.check('POST', '/v1/games', VECTOR.body, ts, VECTOR.signature, now)).toEqual({ ok: true });
    expect(v.check('POST', '/v1/games', VECTOR.body, ts, VECTOR.signature, now + 1)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('remembers a bounded number of signatures', () => {
    const v = new FleetPushVerifier(VECTOR.serverKey, 30_000, 10);
    for (let i = 0; i < 50; i++) {
      const s = signFleetPush(VECTOR.serverKey, 'POST', '/v1/games', `{"n":${i}}`, VECTOR.timestamp + i);
      expect(v.check('POST', '/v1/games', `{"n":${i}}`, s.timestamp, s.signature, VECTOR.timestamp + i).ok).toBe(true);
    }
    expect((v as unknown as { seen: Map<string, number> }).seen.size).toBeLessThanOrEqual(10);
  });
});
