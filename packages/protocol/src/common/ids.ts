import { Type, type Static, type TString } from '@sinclair/typebox';
import { randomBase64Url } from './base64url.js';

/**
 * Identifiers are random, URL-safe and prefixed so a stray id in a log or a
 * Redis key says what it names. They contain no `{`/`}` (Redis hash-tag
 * delimiters) and no `:` (key separator), so they are safe inside key names.
 */
export const ID_PREFIXES = {
  player: 'p_',
  lobby: 'l_',
  game: 'g_',
  prematch: 'pm_',
  queueTicket: 't_',
  joinTicket: 'jt_',
  server: 'ms_',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[IdKind];

/** 16 random bytes = 128 bits, 22 base64url characters. */
export const ID_RANDOM_BYTES = 16;
/** Longest id body accepted on input: generated ids use 22; room for test fixtures and future growth. */
export const ID_MAX_BODY = 64;
const BODY = `[A-Za-z0-9_-]{1,${ID_MAX_BODY}}`;

export function idPattern(prefix: IdPrefix): string {
  return `^${prefix}${BODY}$`;
}

/** A fresh random id, e.g. `newId('p_')` -> `p_3q2-7wEjkV0bC1dIYh9A_w`. */
export function newId<P extends IdPrefix>(prefix: P): `${P}${string}` {
  return `${prefix}${randomBase64Url(ID_RANDOM_BYTES)}`;
}

export function isId(prefix: IdPrefix, value: unknown): value is string {
  return typeof value === 'string' && new RegExp(idPattern(prefix)).test(value);
}

/**
 * The schema of an id with this prefix. The shared id schemas below carry no
 * `$id` on purpose: they are embedded everywhere, and Fastify's ajv rejects a
 * schema in which one `$id` appears twice ("resolves to more than one schema").
 */
export function IdSchema(prefix: IdPrefix, options: { $id?: string; description?: string } = {}): TString {
  return Type.String({ pattern: idPattern(prefix), maxLength: prefix.length + ID_MAX_BODY, ...options });
}

export const PlayerIdSchema = IdSchema('p_', { description: 'Player id (p_…)' });
export const LobbyIdSchema = IdSchema('l_', { description: 'Lobby id (l_…)' });
export const GameIdSchema = IdSchema('g_', { description: 'Game id (g_…)' });
export const PrematchIdSchema = IdSchema('pm_', { description: 'Prematch id (pm_…)' });
export const QueueTicketIdSchema = IdSchema('t_', { description: 'Queue entry id (t_…)' });
export const JoinTicketIdSchema = IdSchema('jt_', { description: 'Join ticket id (jt_…)' });
export const ServerIdSchema = IdSchema('ms_', { description: 'Moonstone server id (ms_…)' });

export type PlayerId = Static<typeof PlayerIdSchema>;
export type LobbyId = Static<typeof LobbyIdSchema>;
export type GameId = Static<typeof GameIdSchema>;
export type PrematchId = Static<typeof PrematchIdSchema>;
export type QueueTicketId = Static<typeof QueueTicketIdSchema>;
export type JoinTicketId = Static<typeof JoinTicketIdSchema>;
export type ServerId = Static<typeof ServerIdSchema>;
