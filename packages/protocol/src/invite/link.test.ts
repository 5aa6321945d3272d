import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInviteLink, INVITE_TOKEN_PATTERN, isInviteToken, newInviteToken, parseInviteLink } from './link.js';

const tokenArb = fc.stringMatching(/^[A-Za-z0-9_-]{22,64}$/);
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('invite links', () => {
  it('builds glaceon://join/<token>', () => {
    const token = newInviteToken();
    expect(token).toMatch(INVITE_TOKEN_PATTERN);
    expect(token).toHaveLength(32);
    expect(buildInviteLink(token)).toBe(`glaceon://join/${token}`);
  });

  it('parses back exactly what it builds, and the forms players paste', () => {
    fc.assert(
      fc.property(tokenArb, fc.constantFrom('', ' ', '\n', '\t '), (token, ws) => {
        const link = buildInviteLink(token);
        for (const text of [link, `${link}/`, token, `${ws}${link}${ws}`, link.replace('glaceon://join', 'GLACEON://JOIN')]) {
          expect(parseInviteLink(text), text).toEqual({ ok: true, value: { token } });
        }
      }),
    );
  });

  it('rejects everything else with INVITE_INVALID', () => {
    const t = 'A'.repeat(22);
    const bad = [
      '',
      'A'.repeat(21),
      'A'.repeat(65),
      `glaceon://join/${'A'.repeat(21)}`,
      `glaceon://join/${t}//`,
      `glaceon://join/${t}?x=1`,
      `glaceon://join/${t}#frag`,
      `glaceon://join/a/${t}`,
      `glaceon:join/${t}`,
      `https://join/${t}`,
      `glaceon://lobby/${t}`,
      `glaceon://join/`,
      `${t}=`,
      `${t}+/`,
      `${t} ${t}`,
      `glaceon://join/${t}\u0000`,
      ' '.repeat(600) + t,
      42 as unknown as string,
    ];
    for (const text of bad) expect(codeOf(parseInviteLink(text)), JSON.stringify(text)).toBe('INVITE_INVALID');
  });

  it('rejects arbitrary text that is not a token, never throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        const r = parseInviteLink(text);
        if (r.ok) expect(isInviteToken(r.value.token)).toBe(true);
        else expect(r.error.code).toBe('INVITE_INVALID');
      }),
    );
  });

  it('refuses to build a link from a malformed token', () => {
    expect(() => buildInviteLink('short')).toThrow(/malformed invite token/);
    expect(() => buildInviteLink(`${'A'.repeat(22)}/x`)).toThrow();
  });
});
