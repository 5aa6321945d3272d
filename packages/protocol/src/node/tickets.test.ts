import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeBase64Url, encodeUtf8Base64Url, decodeBase64Url } from '../common/base64url.js';
import { newId } from '../common/ids.js';
import { decodeJoinTicket } from '../ticket/decode.js';
import { MAX_JOIN_TICKET_CHARS, type JoinTicketPayload } from '../ticket/payload.js';
import { generateTicketKeyPair, loadKeyFromEnv, publicKeyFromPrivate, signJoinTicket, verifyJoinTicket } from './index.js';

const keys = generateTicketKeyPair();
const otherKeys = generateTicketKeyPair();
const NOW = 1_700_000_000_000;

function payload(overrides: Partial<JoinTicketPayload> = {}): JoinTicketPayload {
  return { v: 1, jti: newId('jt_'), gid: newId('g_'), pid: newId('p_'), sid: newId('ms_'), iat: NOW, exp: NOW + 60_000, ...overrides };
}

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

/** Flip one bit of the byte at `index` of a base64url text, keeping it canonical. */
function flipByte(part: string, index: number): string {
  const bytes = decodeBase64Url(part)!;
  bytes[index] = bytes[index]! ^ 0x01;
  return encodeBase64Url(bytes);
}

describe('join tickets', () => {
  const p = payload();
  const ticket = signJoinTicket(p, keys.privateKeyPem);
  const expected = { gameId: p.gid, playerId: p.pid, serverId: p.sid, now: NOW + 1 };

  it('has the wire format <base64url(JSON)>.<base64url(64-byte signature)>', () => {
    const [first, second, ...rest] = ticket.split('.');
    expect(rest).toEqual([]);
    expect(first).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(new TextDecoder().decode(decodeBase64Url(first!)))).toEqual(p);
    expect(decodeBase64Url(second!)).toHaveLength(64);
    expect(ticket.length).toBeLessThan(MAX_JOIN_TICKET_CHARS);
  });

  it('verifies a valid ticket and returns its payload', () => {
    expect(verifyJoinTicket(ticket, keys.publicKeyPem, expected)).toEqual({ ok: true, value: p });
    expect(verifyJoinTicket(ticket, keys.publicKeyPem, { now: NOW })).toEqual({ ok: true, value: p });
  });

  it('is decoded (without verification) in the browser-safe entry', () => {
    const decoded = decodeJoinTicket(ticket);
    expect(decoded.ok && decoded.value.payload).toEqual(p);
    expect(decoded.ok && decoded.value.signedPart).toBe(ticket.split('.')[0]);
  });

  it('rejects a tampered payload, byte by byte', () => {
    const [first, second] = ticket.split('.') as [string, string];
    const length = decodeBase64Url(first)!.length;
    for (let i = 0; i < length; i++) {
      const r = verifyJoinTicket(`${flipByte(first, i)}.${second}`, keys.publicKeyPem, expected);
      expect(codeOf(r), `byte ${i}`).toBe('TICKET_INVALID');
    }
  });

  it('rejects a re-encoded payload claiming another player, signed by nobody', () => {
    const [, second] = ticket.split('.') as [string, string];
    const forged = encodeUtf8Base64Url(JSON.stringify({ ...p, pid: newId('p_') }));
    expect(codeOf(verifyJoinTicket(`${forged}.${second}`, keys.publicKeyPem, { now: NOW }))).toBe('TICKET_INVALID');
  });

  it('rejects a tampered signature, byte by byte', () => {
    const [first, second] = ticket.split('.') as [string, string];
    for (let i = 0; i < 64; i++) {
      expect(codeOf(verifyJoinTicket(`${first}.${flipByte(second, i)}`, keys.publicKeyPem, expected)), `byte ${i}`).toBe('TICKET_INVALID');
    }
  });

  it('rejects an expired ticket (exp is exclusive)', () => {
    expect(codeOf(verifyJoinTicket(ticket, keys.publicKeyPem, { ...expected, now: p.exp }))).toBe('TICKET_EXPIRED');
    expect(codeOf(verifyJoinTicket(ticket, keys.publicKeyPem, { ...expected, now: p.exp + 1 }))).toBe('TICKET_EXPIRED');
    expect(codeOf(verifyJoinTicket(ticket, keys.publicKeyPem, { ...expected, now: p.exp - 1 }))).toBe('ok');
    // Default clock: a ticket from 2023 is long expired.
    expect(codeOf(verifyJoinTicket(ticket, keys.publicKeyPem))).toBe('TICKET_EXPIRED');
  });

  it('rejects a ticket signed with another key', () => {
    const foreign = signJoinTicket(p, otherKeys.privateKeyPem);
    expect(codeOf(verifyJoinTicket(foreign, keys.publicKeyPem, expected))).toBe('TICKET_INVALID');
    expect(codeOf(verifyJoinTicket(ticket, otherKeys.publicKeyPem, expected))).toBe('TICKET_INVALID');
  });

  it('rejects a ticket for another game, player or server, even before it expires', () => {
    expect(codeOf(verifyJoinTicket(ticket, keys.publicKeyPem, { ...expected, gameId: newId('g_') }))).toBe('TICKET_INVALID');
    expect(codeOf(verifyJoinTicket(ticket, keys.publicKeyPem, { ...expected, playerId: newId('p_') }))).toBe('TICKET_INVALID');
    expect(codeOf(verifyJoinTicket(ticket, keys.publicKeyPem, { ...expected, serverId: newId('ms_') }))).toBe('TICKET_INVALID');
    // Wrong game and expired: it is not ours, whatever its age.
    expect(codeOf(verifyJoinTicket(ticket, keys.publicKeyPem, { ...expected, gameId: newId('g_'), now: p.exp + 1 }))).toBe('TICKET_INVALID');
  });

  it('rejects malformed tickets without throwing', () => {
    const [first, second] = ticket.split('.') as [string, string];
    const bad = [
      '',
      '.',
      first,
      `${first}.`,
      `.${second}`,
      `${first}.${second}.${second}`,
      `${first}.${second}=`,
      `${first}!.${second}`,
      `${first}.${second.slice(0, -2)}`,
      `${encodeUtf8Base64Url('not json')}.${second}`,
      `${encodeUtf8Base64Url(JSON.stringify({ ...p, extra: 1 }))}.${second}`,
      `${encodeUtf8Base64Url(JSON.stringify({ ...p, exp: p.iat }))}.${second}`,
      `${encodeBase64Url(new Uint8Array([0xff, 0xfe, 0xfd]))}.${second}`,
      `${'A'.repeat(MAX_JOIN_TICKET_CHARS)}.${second}`,
      ` ${ticket}`,
      42 as unknown as string,
      null as unknown as string,
    ];
    for (const t of bad) {
      expect(codeOf(verifyJoinTicket(t, keys.publicKeyPem, expected)), String(t).slice(0, 40)).toBe('TICKET_INVALID');
      expect(codeOf(decodeJoinTicket(t))).toBe('TICKET_INVALID');
    }
  });

  it('answers TICKET_INVALID, not a throw, when the verifier key is unusable', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(codeOf(verifyJoinTicket(ticket, 'not a key', expected))).toBe('TICKET_INVALID');
    expect(codeOf(verifyJoinTicket(ticket, rsa, expected))).toBe('TICKET_INVALID');
  });

  it('refuses to sign an invalid payload or with a bad key', () => {
    expect(() => signJoinTicket({ ...p, gid: 'nope' }, keys.privateKeyPem)).toThrow(/invalid join ticket/);
    expect(() => signJoinTicket({ ...p, exp: p.iat }, keys.privateKeyPem)).toThrow(/expires before/);
    expect(() => signJoinTicket(p, keys.publicKeyPem)).toThrow(/Ed25519 private key/);
  });

  it('signs deterministically (Ed25519), so equal payloads give equal tickets', () => {
    expect(signJoinTicket({ ...p }, keys.privateKeyPem)).toBe(ticket);
  });
});

describe('loadKeyFromEnv', () => {
  it('accepts a PEM, a PEM with \\n escapes, and base64 of a PEM', () => {
    for (const pem of [keys.privateKeyPem, keys.publicKeyPem]) {
      expect(loadKeyFromEnv(pem)).toBe(pem);
      expect(loadKeyFromEnv(pem.trim().replace(/\n/g, '\\n'))).toBe(pem);
      expect(loadKeyFromEnv(Buffer.from(pem).toString('base64'))).toBe(pem);
      expect(loadKeyFromEnv(`  ${Buffer.from(pem).toString('base64')}\n`)).toBe(pem);
    }
  });

  it('yields keys that sign and verify', () => {
    const priv = loadKeyFromEnv(Buffer.from(keys.privateKeyPem).toString('base64'));
    const pub = loadKeyFromEnv(publicKeyFromPrivate(priv));
    const p = payload();
    expect(codeOf(verifyJoinTicket(signJoinTicket(p, priv), pub, { now: NOW }))).toBe('ok');
  });

  it('throws a clear error that never echoes the value', () => {
    const secret = 'c2VjcmV0LXZhbHVl';
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cases: Array<[string | undefined, RegExp]> = [
      [undefined, /TICKET_PRIVATE_KEY is not set/],
      ['   ', /is not set/],
      [secret, /neither a PEM nor base64 of a PEM/],
      ['%%%', /neither a PEM nor base64/],
      ['-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', /not a valid PEM key/],
      [rsa, /must be an Ed25519 key/],
    ];
    for (const [value, message] of cases) {
      let error: Error | undefined;
      try {
        loadKeyFromEnv(value, 'TICKET_PRIVATE_KEY');
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain(secret);
    }
  });
});
