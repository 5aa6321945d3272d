import { describe, expect, it } from 'vitest';
import { settingsPatchFromEnv } from './env-settings.js';

describe('settings from the environment', () => {
  it('takes only the variables that are set', () => {
    expect(settingsPatchFromEnv({})).toEqual({});
    expect(settingsPatchFromEnv({ GLACEON_BACKEND_URL: 'http://127.0.0.1:7300', GLACEON_TICKET_MODE: 'stdin' })).toEqual({
      backendUrl: 'http://127.0.0.1:7300',
      ticketMode: 'stdin',
    });
    expect(settingsPatchFromEnv({ GLACEON_ONYX_PATH: '/opt/onyx/onyx', GLACEON_BACKEND_URL: '' })).toEqual({ onyxPath: '/opt/onyx/onyx' });
  });
});
