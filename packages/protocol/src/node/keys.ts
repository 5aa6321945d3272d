import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface TicketKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

/** A fresh Ed25519 key pair for signing join tickets (PKCS#8 / SPKI PEM). */
export function generateTicketKeyPair(): TicketKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The public half of a private key PEM (handy for dev stacks that only have the private key). */
export function publicKeyFromPrivate(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

const PEM_HEADER = /-----BEGIN [A-Z0-9 ]+-----/;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;

/**
 * Read an Ed25519 key from an environment variable (TICKET_PRIVATE_KEY,
 * TICKET_PUBLIC_KEY). Accepts a PEM, a PEM whose newlines were written as
 * `\n` (common in .env files and CI secrets), or base64 of a PEM (one line,
 * easy to paste). Returns the PEM. Throws at startup on anything else; the
 * message never contains the value, which may be a secret.
 */
export function loadKeyFromEnv(value: string | undefined, name = 'ticket key'): string {
  if (value === undefined || value.trim() === '') throw new Error(`${name} is not set.`);
  let pem = value.trim().replace(/\\n/g, '\n');
  if (!PEM_HEADER.test(pem)) {
    if (!BASE64.test(pem)) throw new Error(`${name} is neither a PEM nor base64 of a PEM.`);
    pem = Buffer.from(pem, 'base64').toString('utf8').trim();
    if (!PEM_HEADER.test(pem)) throw new Error(`${name} is neither a PEM nor base64 of a PEM.`);
  }
  const key = parseKey(pem);
  if (!key) throw new Error(`${name} is not a valid PEM key.`);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${name} must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'unknown'}.`);
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}

function parseKey(pem: string): KeyObject | undefined {
  try {
    return pem.includes('PRIVATE KEY') ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    return undefined;
  }
}

/**
 * Parsing a PEM costs more than verifying an Ed25519 signature, and a process
 * uses one or two keys: keep the parsed KeyObjects. Bounded so a caller
 * passing many keys cannot grow it without limit.
 */
const cache = new Map<string, KeyObject | undefined>();
const CACHE_LIMIT = 16;

export function cachedKey(pem: string, kind: 'public' | 'private'): KeyObject | undefined {
  const cacheKey = `${kind}:${pem}`;
  if (cache.has(cacheKey)) return cache.get(cacheKey);
  let key: KeyObject | undefined;
  try {
    key = kind === 'public' ? createPublicKey(pem) : createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') key = undefined;
  } catch {
    key = undefined;
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey, key);
  return key;
}
