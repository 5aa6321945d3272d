import { Type } from '@sinclair/typebox';
import { errorBody } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';

/**
 * `host:port` as Moonstone addresses travel (game.ready, Onyx argv, fleet
 * registration): a DNS name, an IPv4 address, or a bracketed IPv6 address
 * (`[::1]:7000`), and a port 1..65535 without leading zeros, so every
 * accepted text has one spelling and round-trips exactly.
 */
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = `${LABEL}(?:\\.${LABEL})*`;
const IPV6 = '\\[[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{1,44}(?:%[A-Za-z0-9_.-]{1,16})?\\]';
const PORT = '(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})';
export const HOST_PORT_PATTERN = `^(?:${HOSTNAME}|${IPV6}):${PORT}$`;
/** 253 (longest DNS name) + ':' + 5. */
export const MAX_HOST_PORT_CHARS = 259;
const HOST_PORT = new RegExp(HOST_PORT_PATTERN);

export const HostPortSchema = Type.String({
  pattern: HOST_PORT_PATTERN,
  maxLength: MAX_HOST_PORT_CHARS,
  description: 'host:port; IPv6 in brackets ([::1]:7000)',
});

export interface HostPort {
  /** Without brackets for IPv6. */
  host: string;
  port: number;
}

export function isHostPort(text: unknown): text is string {
  return typeof text === 'string' && text.length <= MAX_HOST_PORT_CHARS && HOST_PORT.test(text);
}

export function parseHostPort(text: string): Result<HostPort> {
  if (!isHostPort(text)) return err(errorBody('INVALID_MESSAGE', 'Expected host:port (IPv6 in brackets, port 1-65535).'));
  const colon = text.lastIndexOf(':');
  const rawHost = text.slice(0, colon);
  const host = rawHost.startsWith('[') ? rawHost.slice(1, -1) : rawHost;
  return ok({ host, port: Number(text.slice(colon + 1)) });
}

/** The inverse of parseHostPort: brackets an IPv6 host. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
