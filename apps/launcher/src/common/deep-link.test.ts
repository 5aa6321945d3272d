import { describe, expect, it } from 'vitest';
import { findDeepLinkInArgv, joinLink, parseDeepLink, parseInviteInput } from './deep-link.js';

const TOKEN = 'Qm9vayBvZiBHbGFjZW9uIGludml0ZQ';

describe('deep links', () => {
  it('parses glaceon://join/<token>, case-insensitive scheme, trailing slash and query ignored', () => {
    expect(parseDeepLink(`glaceon://join/${TOKEN}`)).toEqual({ ok: true, value: { kind: 'join', token: TOKEN } });
    expect(parseDeepLink(`GLACEON://Join/${TOKEN}/`)).toEqual({ ok: true, value: { kind: 'join', token: TOKEN } });
    expect(parseDeepLink(`glaceon://join/${TOKEN}?utm=x`)).toEqual({ ok: true, value: { kind: 'join', token: TOKEN } });
    expect(joinLink(TOKEN)).toBe(`glaceon://join/${TOKEN}`);
  });

  it('refuses other schemes, actions and malformed tokens with a typed reason', () => {
    expect(parseDeepLink(`https://join/${TOKEN}`)).toMatchObject({ ok: false, error: { code: 'NOT_A_DEEP_LINK' } });
    expect(parseDeepLink(`glaceon://delete/${TOKEN}`)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    expect(parseDeepLink('glaceon://join/short')).toMatchObject({ ok: false, error: { code: 'BAD_TOKEN' } });
    expect(parseDeepLink(`glaceon://join/${TOKEN}/extra`)).toMatchObject({ ok: false, error: { code: 'BAD_TOKEN' } });
    expect(parseDeepLink(`glaceon://join/${TOKEN}%00`)).toMatchObject({ ok: false, error: { code: 'BAD_TOKEN' } });
    expect(parseDeepLink(42)).toMatchObject({ ok: false, error: { code: 'NOT_A_DEEP_LINK' } });
    expect(parseDeepLink(`glaceon://join/${'a'.repeat(600)}`)).toMatchObject({ ok: false });
  });

  it('accepts a pasted link or a bare token for "join by link or token"', () => {
    expect(parseInviteInput(`  ${TOKEN} `)).toEqual({ ok: true, value: TOKEN });
    expect(parseInviteInput(joinLink(TOKEN))).toEqual({ ok: true, value: TOKEN });
    expect(parseInviteInput('hello there')).toMatchObject({ ok: false });
  });

  it('finds the link in a second instance argv', () => {
    expect(findDeepLinkInArgv(['/opt/Glaceon/glaceon', '--no-sandbox', `glaceon://join/${TOKEN}`])).toBe(`glaceon://join/${TOKEN}`);
    expect(findDeepLinkInArgv(['/opt/Glaceon/glaceon'])).toBeUndefined();
  });
});
