import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCoralConf, SHIPPED_CORAL_CONF } from './coral-conf.js';

describe('deploy/nginx/coral.conf', () => {
  it('is exactly what the renderer produces (regenerate with tools/bench/src/nginx/render-coral-conf.ts)', () => {
    const shipped = readFileSync(new URL('../../../../deploy/nginx/coral.conf', import.meta.url), 'utf8');
    expect(shipped).toBe(renderCoralConf(SHIPPED_CORAL_CONF));
  });

  it('balances over every Coral with least_conn and passive health checks', () => {
    const conf = renderCoralConf({ corals: ['10.0.0.1:7400', '10.0.0.2:7400'], listen: { host: '0.0.0.0', port: 443 } });
    expect(conf).toContain('least_conn;');
    expect(conf).toMatch(/server 10\.0\.0\.1:7400 max_fails=1 fail_timeout=5s;/);
    expect(conf).toMatch(/server 10\.0\.0\.2:7400 max_fails=1 fail_timeout=5s;/);
    expect(conf).toContain('listen 0.0.0.0:443;');
  });
});
