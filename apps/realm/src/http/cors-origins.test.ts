import { describe, expect, it } from 'vitest';
import { createOriginMatcher } from './cors-origins.js';

describe('CORS origin allow-list', () => {
  const allowed = createOriginMatcher(['app://glaceon', 'http://127.0.0.1:*', 'https://play.example.com']);

  it('accepts exact origins and any port of a wildcard host', () => {
    expect(allowed('app://glaceon')).toBe(true);
    expect(allowed('https://play.example.com')).toBe(true);
    expect(allowed('http://127.0.0.1:5780')).toBe(true);
    expect(allowed('http://127.0.0.1:41234')).toBe(true);
  });

  it('rejects look-alikes, other hosts, paths and the null origin', () => {
    expect(allowed('null')).toBe(false);
    expect(allowed('http://127.0.0.1')).toBe(false);
    expect(allowed('http://127.0.0.1:80.evil.com')).toBe(false);
    expect(allowed('http://127.0.0.1:123456')).toBe(false);
    expect(allowed('http://127.0.0.10:5780')).toBe(false);
    expect(allowed('https://127.0.0.1:5780')).toBe(false);
    expect(allowed('https://play.example.com.evil.com')).toBe(false);
    expect(allowed('app://glaceon.evil')).toBe(false);
  });
});
