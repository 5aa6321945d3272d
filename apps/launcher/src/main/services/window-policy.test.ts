import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, buildContentSecurityPolicy, chooseRendererUrl, navigationDecision, permissionAllowed } from './window-policy.js';

const OWN = `${APP_ORIGIN}/index.html`;

describe('Electron window policy (#12 items 4 and 17)', () => {
  it('ignores GLACEON_RENDERER_URL in a packaged build, and takes only a loopback dev server otherwise', () => {
    const env = { GLACEON_RENDERER_URL: 'http://127.0.0.1:5173/' };
    expect(chooseRendererUrl(env, true)).toBe(OWN);
    expect(chooseRendererUrl(env, false)).toBe('http://127.0.0.1:5173/');
    expect(chooseRendererUrl({ GLACEON_RENDERER_URL: 'https://evil.example/' }, false)).toBe(OWN);
    expect(chooseRendererUrl({ GLACEON_RENDERER_URL: 'http://127.0.0.1.evil.example/' }, false)).toBe(OWN);
    expect(chooseRendererUrl({}, false)).toBe(OWN);
  });

  it('denies every web permission except notifications and clipboard writes, and those only for our own page', () => {
    for (const p of ['media', 'geolocation', 'midi', 'midiSysex', 'hid', 'serial', 'usb', 'pointerLock', 'fullscreen', 'openExternal', 'display-capture']) {
      expect(permissionAllowed(p, OWN, OWN)).toBe(false);
    }
    expect(permissionAllowed('notifications', OWN, OWN)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', `${APP_ORIGIN}/`, OWN)).toBe(true);
    expect(permissionAllowed('notifications', 'https://evil.example/', OWN)).toBe(false);
  });

  it('keeps navigations and redirects on our origin; http(s) goes to the OS browser, anything else is dropped', () => {
    expect(navigationDecision(`${APP_ORIGIN}/lobby`, OWN)).toBe('allow');
    expect(navigationDecision('https://glaceon.example/help', OWN)).toBe('external');
    expect(navigationDecision('file:///etc/passwd', OWN)).toBe('block');
    expect(navigationDecision('javascript:alert(1)', OWN)).toBe('block');
    expect(navigationDecision('app://other/index.html', OWN)).toBe('block');
  });

  it('builds a CSP whose connect-src names the configured backend, not any host', () => {
    const csp = buildContentSecurityPolicy({ backendUrl: 'https://realm.glaceon.example' });
    const connect = csp.split('; ').find((d) => d.startsWith('connect-src'))!;
    expect(connect).toBe("connect-src 'self' https://realm.glaceon.example wss://realm.glaceon.example wss://realm.glaceon.example:*");
    expect(connect).not.toMatch(/ (https?|wss?):( |$)/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const withCoral = buildContentSecurityPolicy({
      backendUrl: 'http://127.0.0.1:7300',
      extraConnect: 'wss://coral.glaceon.example javascript:alert(1) *',
    });
    expect(withCoral).toContain("connect-src 'self' http://127.0.0.1:7300 ws://127.0.0.1:7300 ws://127.0.0.1:* wss://coral.glaceon.example;");
  });
});
