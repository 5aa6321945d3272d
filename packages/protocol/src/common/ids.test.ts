import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, decodeUtf8Base64Url, encodeBase64Url, encodeUtf8Base64Url, randomBase64Url } from './base64url.js';
import { ID_PREFIXES, IdSchema, isId, newId, PlayerIdSchema, type IdPrefix } from './ids.js';
import { formatHostPort, HostPortSchema, isHostPort, parseHostPort } from './host-port.js';

describe('base64url', () => {
  it("matches Node's encoder and decodes back", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(decodeBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it('round-trips any text as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeUtf8Base64Url(encodeUtf8Base64Url(s))).toBe(s);
      }),
    );
  });

  it('rejects non-canonical or foreign input', () => {
    for (const bad of ['A', 'AB=', 'AB+/', 'a b', 'AB\n', 'AR', 'AAB']) expect(decodeBase64Url(bad), bad).toBeUndefined();
    expect(decodeUtf8Base64Url(encodeBase64Url(new Uint8Array([0xc3, 0x28])))).toBeUndefined();
  });

  it('makes random text of the requested strength', () => {
    expect(randomBase64Url(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomBase64Url(16)).not.toBe(randomBase64Url(16));
  });
});

describe('ids', () => {
  const prefixes = Object.values(ID_PREFIXES) as IdPrefix[];

  it.each(prefixes)('newId(%s) has 128 random bits and matches its schema only', (prefix) => {
    const id = newId(prefix);
    expect(id).toMatch(new RegExp(`^${prefix}[A-Za-z0-9_-]{22}$`));
    expect(Value.Check(IdSchema(prefix), id)).toBe(true);
    expect(isId(prefix, id)).toBe(true);
    for (const other of prefixes.filter((p) => p !== prefix)) expect(isId(other, id), other).toBe(false);
  });

  it('never repeats', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('p_')));
    expect(ids.size).toBe(10_000);
  });

  it('rejects ids that could break Redis keys or logs', () => {
    for (const bad of ['p_', 'p_{x}', 'p_a:b', 'p_a b', `p_${'a'.repeat(65)}`, 'P_abc', 'pm_abc', 'x', '']) {
      expect(Value.Check(PlayerIdSchema, bad), bad).toBe(false);
    }
  });
});

describe('host:port', () => {
  it.each([
    ['127.0.0.1:7000', '127.0.0.1', 7000],
    ['[::1]:7000', '::1', 7000],
    ['[fe80::1%eth0]:1', 'fe80::1%eth0', 1],
    ['moonstone-3.eu.example.net:65535', 'moonstone-3.eu.example.net', 65535],
    ['localhost:80', 'localhost', 80],
  ])('parses %s', (text, host, port) => {
    expect(parseHostPort(text)).toEqual({ ok: true, value: { host, port } });
    expect(formatHostPort(host, port)).toBe(text);
    expect(Value.Check(HostPortSchema, text)).toBe(true);
  });

  it.each([
    '::1:7000',
    'host',
    'host:',
    ':7000',
    'host:0',
    'host:65536',
    'host:07000',
    'ho st:1',
    'host:1 ',
    '-host:1',
    'host.:1',
    '[::1]',
    '[]:1',
    'a_b:1',
    `${'a'.repeat(64)}:1`,
  ])('rejects %j', (text) => {
    expect(isHostPort(text)).toBe(false);
    expect(parseHostPort(text).ok).toBe(false);
    expect(Value.Check(HostPortSchema, text)).toBe(false);
  });

  it('accepts every port 1..65535 and nothing else', () => {
    const wrong: number[] = [];
    for (let port = 0; port <= 70_000; port++) if (isHostPort(`h:${port}`) !== (port >= 1 && port <= 65535)) wrong.push(port);
    expect(wrong).toEqual([]);
  });
});
