import { createHash } from 'node:crypto';

/** Subjects are hashed: a display name or address never appears in a key, and never breaks a hash tag. */
export const rateLimitKey = (bucket: string, subject: string) => `ratelimit:{${bucket}:${createHash('sha256').update(subject).digest('hex').slice(0, 32)}}`;
