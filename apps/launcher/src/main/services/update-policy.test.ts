import { describe, expect, it } from 'vitest';
import { installDecision, planUpdates } from './update-policy.js';

const packaged = { packaged: true, platform: 'win32' as const, appImage: undefined };

describe('auto-update decisions', () => {
  it('updates only a packaged build from a configured https feed', () => {
    expect(planUpdates({ GLACEON_UPDATE_FEED: 'https://updates.example/glaceon' }, { ...packaged, packaged: false })).toMatchObject({
      enabled: false,
      reason: /packaged/,
    });
    expect(planUpdates({}, packaged)).toMatchObject({ enabled: false, reason: /no update feed/ });
    expect(planUpdates({ GLACEON_UPDATE_FEED: 'http://updates.example/' }, packaged)).toMatchObject({ enabled: false, reason: /https/ });
    expect(planUpdates({ GLACEON_UPDATE_FEED: 'https://u:p@updates.example/' }, packaged)).toMatchObject({ enabled: false, reason: /credentials/ });
    expect(planUpdates({ GLACEON_UPDATE_FEED: 'not a url' }, packaged)).toMatchObject({ enabled: false });
    expect(planUpdates({ GLACEON_UPDATE_FEED: 'https://updates.example/glaceon', GLACEON_UPDATES: '0' }, packaged)).toMatchObject({ enabled: false });
    expect(planUpdates({ GLACEON_UPDATE_FEED: 'https://updates.example/glaceon' }, packaged)).toEqual({
      enabled: true,
      feedUrl: 'https://updates.example/glaceon/',
      checkEveryMs: 6 * 3600_000,
    });
  });

  it('on Linux only an AppImage updates itself, and the check interval is bounded', () => {
    const linux = { packaged: true, platform: 'linux' as const, appImage: undefined };
    expect(planUpdates({ GLACEON_UPDATE_FEED: 'https://u.example/' }, linux)).toMatchObject({ enabled: false, reason: /AppImage/ });
    expect(planUpdates({ GLACEON_UPDATE_FEED: 'https://u.example/', GLACEON_UPDATE_CHECK_HOURS: '0.01' }, { ...linux, appImage: '/x.AppImage' })).toMatchObject(
      {
        enabled: true,
        checkEveryMs: 6 * 3600_000,
      },
    );
    expect(planUpdates({ GLACEON_UPDATE_FEED: 'https://u.example/', GLACEON_UPDATE_CHECK_HOURS: '24' }, packaged)).toMatchObject({
      checkEveryMs: 24 * 3600_000,
    });
  });

  it('never installs under a running game; otherwise on quit', () => {
    expect(installDecision({ downloaded: false, gameRunning: false, quitting: true })).toBe('wait');
    expect(installDecision({ downloaded: true, gameRunning: true, quitting: true })).toBe('wait');
    expect(installDecision({ downloaded: true, gameRunning: false, quitting: false })).toBe('on-quit');
    expect(installDecision({ downloaded: true, gameRunning: false, quitting: true })).toBe('install-now');
  });
});
