import { createHash } from 'node:crypto';

/** Subjects are hashed: a display name or address never appears in a key, and never breaks a hash tag. */
export const rateLimitKey = (bucket: string, subject: string) => `ratelimit:{${bucket}:${createHash('sha256').update(subject).digest('hex').slice(0, 32)}}`;

/** Pacing state of one (subject, client) pair, e.g. sign-in attempts on one account from one address. */
export const paceKey = (bucket: string, subject: string, client: string) =>
  `ratelimit:{pace:${bucket}:${createHash('sha256').update(`${subject}\n${client}`).digest('hex').slice(0, 32)}}`;
