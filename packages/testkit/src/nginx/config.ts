/**
 * nginx stream (TCP) load-balancer config, rendered by pure functions so the test
 * kit and the repo's shipped production config (deploy/nginx/*.conf) come from the
 * same template. Every value is validated: bad input throws NginxConfigError and
 * nothing is rendered, so no caller can smuggle a directive into the file.
 */

export class NginxConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NginxConfigError';
  }
}

export interface NginxUpstream {
  readonly host: string;
  readonly port: number;
  /** Relative share of new connections (default 1). */
  readonly weight?: number;
  /** Only used when every primary server is down. */
  readonly backup?: boolean;
}

/** A bare number means 127.0.0.1:<port>. */
export type NginxUpstreamInput = number | NginxUpstream;

/**
 * How nginx picks an upstream for each new connection:
 *  - 'round-robin': in turn (nginx's default; weights respected),
 *  - 'least_conn': fewest active connections (good for long-lived sockets),
 *  - 'random': random pick,
 *  - 'hash-client-address': the same client address sticks to the same upstream.
 */
export type NginxBalance = 'round-robin' | 'least_conn' | 'random' | 'hash-client-address';

/** Passive health check: after maxFails failed connects within failTimeout, skip the server for failTimeout. */
export interface NginxPassiveHealth {
  readonly maxFails: number;
  /** nginx time, e.g. '2s', '500ms'. */
  readonly failTimeout: string;
}

export interface NginxStreamBlockOptions {
  readonly upstreams: readonly NginxUpstreamInput[];
  /** Port (on 127.0.0.1) or host and port to accept clients on. */
  readonly listen: number | { readonly host?: string; readonly port: number };
  /** Name of the upstream group (default 'glaceon_upstream'). */
  readonly upstreamName?: string;
  /** Default 'round-robin'. */
  readonly balance?: NginxBalance;
  /** Default { maxFails: 1, failTimeout: '2s' }: a dead upstream is skipped after one refused connect. `false` keeps nginx's defaults. */
  readonly passiveHealth?: NginxPassiveHealth | false;
  /** Idle time after which a proxied connection is closed (default '1h': sockets are long-lived). */
  readonly proxyTimeout?: string;
  /** How long to wait for an upstream to accept before trying the next one (default '1s'). */
  readonly proxyConnectTimeout?: string;
}

export type NginxLogLevel = 'debug' | 'info' | 'notice' | 'warn' | 'error' | 'crit' | 'alert' | 'emerg';

export interface NginxStreamConfigOptions extends NginxStreamBlockOptions {
  /** Absolute path of ngx_stream_module.so; emits load_module when set (needed where stream is a dynamic module). */
  readonly streamModulePath?: string;
  /** Default false: stay in the foreground so a supervisor (or the kit) owns the process. */
  readonly daemon?: boolean;
  /** Default true. */
  readonly masterProcess?: boolean;
  /** Default 1. */
  readonly workerProcesses?: number | 'auto';
  /** Default 1024. */
  readonly workerConnections?: number;
  /** error_log path; omitted means nginx's compiled-in default. */
  readonly errorLog?: string;
  /** Default 'warn'. */
  readonly errorLogLevel?: NginxLogLevel;
  /** pid file path; omitted means nginx's compiled-in default. */
  readonly pidPath?: string;
  /** `user` directive, only meaningful when the master runs as root. */
  readonly user?: string;
}

export const DEFAULT_UPSTREAM_NAME = 'glaceon_upstream';
export const DEFAULT_PASSIVE_HEALTH: NginxPassiveHealth = { maxFails: 1, failTimeout: '2s' };

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]?)$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const TIME = /^\d{1,9}(?:ms|s|m|h|d)?$/;
const LOG_LEVELS: readonly NginxLogLevel[] = ['debug', 'info', 'notice', 'warn', 'error', 'crit', 'alert', 'emerg'];
const BALANCES: readonly NginxBalance[] = ['round-robin', 'least_conn', 'random', 'hash-client-address'];

function checkPort(port: unknown, what: string): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new NginxConfigError(`${what}: port must be an integer from 1 to 65535, got ${JSON.stringify(port)}`);
  }
  return port;
}

function checkPositiveInt(value: unknown, what: string, max = 1_000_000): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new NginxConfigError(`${what} must be an integer from 1 to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkTime(value: unknown, what: string): string {
  if (typeof value !== 'string' || !TIME.test(value))
    throw new NginxConfigError(`${what} must be an nginx time like '2s' or '500ms', got ${JSON.stringify(value)}`);
  return value;
}

/** host:port with IPv6 literals bracketed. */
function address(host: unknown, port: unknown, what: string): string {
  if (typeof host !== 'string' || !HOST.test(host)) throw new NginxConfigError(`${what}: invalid host ${JSON.stringify(host)}`);
  const bare = host.replace(/^\[|\]$/g, '');
  return `${bare.includes(':') ? `[${bare}]` : bare}:${checkPort(port, what)}`;
}

/** A double-quoted nginx string; refuses characters that could end or escape it. */
function quotedPath(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || /["\\$;{}\p{Cc}]/u.test(value)) {
    throw new NginxConfigError(`${what} must be a path without quotes, backslashes, '$', ';', braces or control characters, got ${JSON.stringify(value)}`);
  }
  return `"${value}"`;
}

function serverLine(upstream: NginxUpstreamInput, index: number, health: NginxPassiveHealth | false): string {
  const what = `upstreams[${index}]`;
  const { host, port, weight, backup } = typeof upstream === 'number' ? { host: '127.0.0.1', port: upstream, weight: undefined, backup: undefined } : upstream;
  const parts = [`server ${address(host, port, what)}`];
  if (weight !== undefined) parts.push(`weight=${checkPositiveInt(weight, `${what}.weight`, 1000)}`);
  if (health)
    parts.push(
      `max_fails=${checkPositiveInt(health.maxFails, 'passiveHealth.maxFails', 1000)}`,
      `fail_timeout=${checkTime(health.failTimeout, 'passiveHealth.failTimeout')}`,
    );
  if (backup === true) parts.push('backup');
  return `${parts.join(' ')};`;
}

function balanceLine(balance: NginxBalance): string | undefined {
  switch (balance) {
    case 'round-robin':
      return undefined;
    case 'least_conn':
      return 'least_conn;';
    case 'random':
      return 'random;';
    case 'hash-client-address':
      return 'hash $remote_addr consistent;';
  }
}

const indent = (lines: readonly string[], depth = 1): string[] => lines.map((line) => (line === '' ? '' : `${'    '.repeat(depth)}${line}`));

/** Just the `stream { ... }` block, for including in an existing nginx.conf at top level. */
export function renderNginxStreamBlock(options: NginxStreamBlockOptions): string {
  const upstreamName = options.upstreamName ?? DEFAULT_UPSTREAM_NAME;
  if (!NAME.test(upstreamName)) throw new NginxConfigError(`upstreamName must match ${NAME}, got ${JSON.stringify(upstreamName)}`);
  const balance = options.balance ?? 'round-robin';
  if (!BALANCES.includes(balance)) throw new NginxConfigError(`balance must be one of ${BALANCES.join(', ')}, got ${JSON.stringify(balance)}`);
  if (!Array.isArray(options.upstreams) || options.upstreams.length === 0) throw new NginxConfigError('upstreams must list at least one server');
  const health = options.passiveHealth ?? DEFAULT_PASSIVE_HEALTH;
  const listen =
    typeof options.listen === 'number' ? { host: '127.0.0.1', port: options.listen } : { host: options.listen.host ?? '127.0.0.1', port: options.listen.port };
  const balanceDirective = balanceLine(balance);
  const upstreamBody = [...(balanceDirective ? [balanceDirective] : []), ...options.upstreams.map((upstream, i) => serverLine(upstream, i, health))];
  const serverBody = [
    `listen ${address(listen.host, listen.port, 'listen')};`,
    `proxy_pass ${upstreamName};`,
    `proxy_timeout ${checkTime(options.proxyTimeout ?? '1h', 'proxyTimeout')};`,
    `proxy_connect_timeout ${checkTime(options.proxyConnectTimeout ?? '1s', 'proxyConnectTimeout')};`,
    // A refused or timed-out connect moves on to the next upstream instead of failing the client.
    'proxy_next_upstream on;',
  ];
  return ['stream {', ...indent([`upstream ${upstreamName} {`, ...indent(upstreamBody), '}', '', 'server {', ...indent(serverBody), '}']), '}', ''].join('\n');
}

/** A complete, standalone nginx.conf running only the stream proxy. */
export function renderNginxStreamConfig(options: NginxStreamConfigOptions): string {
  const level = options.errorLogLevel ?? 'warn';
  if (!LOG_LEVELS.includes(level)) throw new NginxConfigError(`errorLogLevel must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
  const workers = options.workerProcesses ?? 1;
  if (workers !== 'auto') checkPositiveInt(workers, 'workerProcesses', 1024);
  if (options.user !== undefined && !/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/.test(options.user))
    throw new NginxConfigError(`invalid user ${JSON.stringify(options.user)}`);
  const main = [
    '# Generated by renderNginxStreamConfig (@glaceon/testkit): nginx as a TCP load balancer.',
    ...(options.streamModulePath !== undefined ? [`load_module ${quotedPath(options.streamModulePath, 'streamModulePath')};`] : []),
    ...(options.user !== undefined ? [`user ${options.user};`] : []),
    `daemon ${options.daemon === true ? 'on' : 'off'};`,
    `master_process ${options.masterProcess === false ? 'off' : 'on'};`,
    `worker_processes ${workers};`,
    ...(options.pidPath !== undefined ? [`pid ${quotedPath(options.pidPath, 'pidPath')};`] : []),
    ...(options.errorLog !== undefined ? [`error_log ${quotedPath(options.errorLog, 'errorLog')} ${level};`] : []),
    '',
    'events {',
    ...indent([`worker_connections ${checkPositiveInt(options.workerConnections ?? 1024, 'workerConnections', 1_000_000)};`]),
    '}',
    '',
  ];
  return [...main, renderNginxStreamBlock(options)].join('\n');
}
