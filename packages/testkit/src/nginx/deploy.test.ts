import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderNginxStreamConfig } from './config.js';

const deployFile = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../deploy/nginx/${name}`, import.meta.url)), 'utf8');
const MODULE = '/usr/lib/nginx/modules/ngx_stream_module.so';
const CORAL_PUBLIC = [7401, 7402, 7403];
/** Each Coral's INTERNAL_PORT (fleet API, /metrics) beside its public PORT. */
const CORAL_INTERNAL = [7481, 7482, 7483];

describe('the shipped nginx configs (deploy/nginx)', () => {
  it('are exactly what the template renders', () => {
    expect(deployFile('coral.conf')).toBe(
      renderNginxStreamConfig({
        streamModulePath: MODULE,
        workerProcesses: 'auto',
        workerConnections: 65535,
        upstreamName: 'coral',
        balance: 'least_conn',
        passiveHealth: { maxFails: 1, failTimeout: '5s' },
        upstreams: CORAL_PUBLIC,
        listen: { host: '0.0.0.0', port: 7400 },
      }),
    );
    expect(deployFile('coral-fleet-internal.conf')).toBe(
      renderNginxStreamConfig({
        streamModulePath: MODULE,
        workerProcesses: 1,
        workerConnections: 4096,
        upstreamName: 'coral_fleet',
        balance: 'round-robin',
        passiveHealth: { maxFails: 1, failTimeout: '5s' },
        upstreams: CORAL_INTERNAL,
        listen: { host: '127.0.0.1', port: 7490 },
        proxyTimeout: '5m',
      }),
    );
  });

  it('never publish the internal listeners: the public balancer names only public ports; the fleet balancer listens on loopback', () => {
    const ports = (conf: string) => [...conf.matchAll(/^\s*server [^\s:]+:(\d+)/gm)].map((m) => Number(m[1]));
    const publicConf = deployFile('coral.conf');
    expect(ports(publicConf)).toEqual(CORAL_PUBLIC);
    for (const p of CORAL_INTERNAL) expect(publicConf).not.toContain(`:${p}`);
    const internal = deployFile('coral-fleet-internal.conf');
    expect([...internal.matchAll(/^\s*listen (\S+);/gm)].map((m) => m[1])).toEqual(['127.0.0.1:7490']);
    expect(ports(internal)).toEqual(CORAL_INTERNAL);
  });
});
