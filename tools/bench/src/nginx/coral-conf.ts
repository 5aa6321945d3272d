import { renderNginxStreamConfig, type NginxUpstream } from '@glaceon/testkit';

export interface CoralConfOptions {
  /** Coral instances, host:port. */
  corals: string[];
  /** Where players connect (the public Coral endpoint). */
  listen: { host: string; port: number };
  /** Debian/Ubuntu ship the stream module as a dynamic module. */
  streamModulePath?: string;
}

/**
 * The nginx stream (TCP) config for N Corals, rendered by the test kit's
 * renderNginxStreamConfig so production and the integration tests share one
 * template. least_conn: player sockets are long-lived, so new ones go where
 * there are fewest; a Coral that refuses connections is skipped for 5 s and
 * the client's reconnect lands on another one.
 */
export function renderCoralConf(options: CoralConfOptions): string {
  const upstreams: NginxUpstream[] = options.corals.map((hp) => {
    const i = hp.lastIndexOf(':');
    return { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) };
  });
  return renderNginxStreamConfig({
    upstreams,
    upstreamName: 'coral',
    listen: options.listen,
    balance: 'least_conn',
    passiveHealth: { maxFails: 1, failTimeout: '5s' },
    // Coral pings every 15 s; an hour of silence means the socket is gone.
    proxyTimeout: '1h',
    proxyConnectTimeout: '1s',
    ...(options.streamModulePath ? { streamModulePath: options.streamModulePath } : {}),
    daemon: false,
    workerProcesses: 'auto',
    // Two descriptors per proxied socket.
    workerConnections: 65_535,
    errorLogLevel: 'warn',
  });
}

/** What deploy/nginx/coral.conf holds: three Corals on one host, players on :7400. */
export const SHIPPED_CORAL_CONF: CoralConfOptions = {
  corals: ['127.0.0.1:7401', '127.0.0.1:7402', '127.0.0.1:7403'],
  listen: { host: '0.0.0.0', port: 7400 },
  streamModulePath: '/usr/lib/nginx/modules/ngx_stream_module.so',
};
