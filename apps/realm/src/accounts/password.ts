/**
 * Password hashing: Argon2id at OWASP's recommended parameters (m = 19 MiB, t = 2,
 * p = 1) through the maintained native `argon2` package (prebuilt binaries, hashing on
 * libuv's thread pool, PHC strings that carry algorithm and parameters). Hashes made
 * with the former scrypt (`scrypt$N$r$p$salt$hash`) still verify and are replaced at
 * the owner's next successful sign-in (`needsRehash`).
 *
 * Hashing is the most expensive thing Realm does, so it is a bounded queue: a few at
 * once, a bounded number waiting (past it: a typed, retryable BUSY), and work whose
 * caller has gone (the client hung up) is dropped before it starts.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import { GlaceonError } from '@glaceon/protocol';

export const ARGON2_PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface HashQueueOptions {
  /** Hashes computed at once (default: the machine's cores, at most 4: libuv's default pool). */
  maxConcurrent?: number;
  /** Hashes allowed to wait for a slot; past it callers get BUSY (default 64). */
  maxWaiting?: number;
}

interface Waiter {
  start: () => void;
  signal: AbortSignal | undefined;
}

/** A FIFO of hashing work with a bound on both running and waiting jobs. */
export class HashQueue {
  readonly #maxConcurrent: number;
  readonly #maxWaiting: number;
  #running = 0;
  readonly #waiting: Waiter[] = [];
  /** Jobs dropped because their caller had gone, and jobs started (observable in tests and metrics). */
  abandoned = 0;
  started = 0;

  constructor(options: HashQueueOptions = {}) {
    this.#maxConcurrent = options.maxConcurrent ?? Math.min(4, availableParallelism());
    this.#maxWaiting = options.maxWaiting ?? 64;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw this.#abandon();
    if (this.#running >= this.#maxConcurrent) {
      if (this.#waiting.length >= this.#maxWaiting) throw new GlaceonError('BUSY', 'Too many sign-ins at once; retry in a moment.');
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { start: resolve, signal };
        this.#waiting.push(waiter);
        signal?.addEventListener(
          'abort',
          () => {
            const i = this.#waiting.indexOf(waiter);
            if (i >= 0) this.#waiting.splice(i, 1);
            reject(this.#abandon());
          },
          { once: true },
        );
      });
    }
    this.#running++;
    this.started++;
    try {
      return await fn();
    } finally {
      this.#running--;
      this.#next();
    }
  }

  #next(): void {
    for (;;) {
      const waiter = this.#waiting.shift();
      if (!waiter) return;
      if (waiter.signal?.aborted) continue;
      waiter.start();
      return;
    }
  }

  #abandon(): GlaceonError {
    this.abandoned++;
    return new GlaceonError('UNAVAILABLE', 'The request was abandoned by its client.');
  }
}

const SCRYPT_KEY_BYTES = 32;

interface ScryptHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

/** The former format; bounds keep a corrupted record from asking for absurd memory. */
export function parseScryptHash(stored: string): ScryptHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  return { N, r, p, salt: Buffer.from(parts[4]!, 'base64url'), key: Buffer.from(parts[5]!, 'base64url') };
}

function scryptKey(password: string, h: ScryptHash): Promise<Buffer> {
  const options: ScryptOptions = { N: h.N, r: h.r, p: h.p, maxmem: 128 * h.N * h.r * 2 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), h.salt, SCRYPT_KEY_BYTES, options, (e, key) => (e ? reject(e) : resolve(key))));
}

/** A scrypt hash in the former format (tests of the migration; new hashes are Argon2id). */
export async function legacyScryptHash(password: string, N = 2 ** 14): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptKey(password, { N, r: 8, p: 1, salt, key: Buffer.alloc(0) });
  return `scrypt$${N}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export interface Verified {
  ok: boolean;
  /** The hash is correct but not at the current algorithm or parameters: store a fresh one. */
  needsRehash: boolean;
}

export class Passwords {
  readonly queue: HashQueue;
  #dummy: Promise<string> | undefined;

  constructor(options: HashQueueOptions = {}) {
    this.queue = new HashQueue(options);
  }

  hash(password: string, signal?: AbortSignal): Promise<string> {
    return this.queue.run(() => argon2.hash(password.normalize('NFC'), ARGON2_PARAMS), signal);
  }

  async verify(password: string, stored: string, signal?: AbortSignal): Promise<Verified> {
    const legacy = parseScryptHash(stored);
    if (legacy) {
      const key = await this.queue.run(() => scryptKey(password, legacy), signal);
      const ok = key.length === legacy.key.length && timingSafeEqual(key, legacy.key);
      return { ok, needsRehash: ok };
    }
    if (!stored.startsWith('$argon2')) return { ok: false, needsRehash: false };
    const ok = await this.queue.run(() => argon2.verify(stored, password.normalize('NFC')).catch(() => false), signal);
    return { ok, needsRehash: ok && argon2.needsRehash(stored, ARGON2_PARAMS) };
  }

  /**
   * A real hash of a random password, verified against when the name is unknown, so
   * "no such account" costs as long as "wrong password".
   */
  dummyHash(): Promise<string> {
    this.#dummy ??= argon2.hash(randomBytes(16).toString('base64url'), ARGON2_PARAMS);
    return this.#dummy;
  }
}
