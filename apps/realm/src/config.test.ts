import { describe, expect, it } from 'vitest';
import { configFromEnv, parseTrustProxy } from './config.js';

describe('TRUST_PROXY (#12 item 8)', () => {
  it('accepts a hop count or a list of proxy addresses, and nothing by default', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.5, 10.0.1.0/24,::1,loopback')).toEqual(['10.0.0.5', '10.0.1.0/24', '::1', 'loopback']);
  });

  it('refuses true (and anything it does not understand) with a clear message', () => {
    expect(() => configFromEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true would trust every X-Forwarded-For.*hops/);
    expect(() => parseTrustProxy('*')).toThrow(/not understood: \*/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/not understood/);
  });
});
