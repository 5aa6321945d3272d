/**
 * What every chat line and direct message goes through before it is stored:
 * the text (not only blanks, no control characters but newline and tab; the
 * schema already bounds its length and refuses unknown fields) and the
 * sender's token bucket (config.chat, shared by party chat and direct
 * messages, counted in Redis so every instance agrees). The text is never
 * logged (app.ts redacts `*.text`).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { GlaceonError } from '@glaceon/protocol';
import { takeToken } from '@glaceon/store';
import { rateLimited } from '../plugins/errors.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;

/** The text to store (trimmed), or INVALID_MESSAGE at /text. */
export function chatText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new GlaceonError('INVALID_MESSAGE', 'Write something first.', '/text');
  if (CONTROL.test(trimmed)) throw new GlaceonError('INVALID_MESSAGE', 'Control characters are not allowed.', '/text');
  return trimmed;
}

/** One token from the player's chat bucket, or RATE_LIMITED with retry-after (nothing is sent). */
export async function limitChat(app: FastifyInstance, reply: FastifyReply, playerId: string): Promise<void> {
  const { ratePerSec, burst } = app.config.chat;
  const taken = await takeToken(app.redis, 'chat', playerId, ratePerSec, burst);
  if (!taken.ok) {
    reply.header('retry-after', String(Math.max(1, Math.ceil(taken.retryInMs / 1000))));
    throw rateLimited(taken.retryInMs);
  }
}
