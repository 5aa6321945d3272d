import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, GlaceonError, type ErrorCode, type ProtocolErrorBody } from '@glaceon/protocol';

/** Fleet bodies are small (a 128-player roster is ~10 KiB). */
export const MAX_FLEET_BODY_BYTES = 64 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, code: ErrorCode, message?: string, path?: string): void {
  const body: ProtocolErrorBody = errorBody(code, message, path);
  sendJson(res, new GlaceonError(code).status, body);
}

/** The body as text; PAYLOAD_TOO_LARGE past the cap (the rest is not read). */
export function readBody(req: IncomingMessage, maxBytes = MAX_FLEET_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxBytes) {
      reject(new GlaceonError('PAYLOAD_TOO_LARGE'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(new GlaceonError('PAYLOAD_TOO_LARGE'));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time check of `Authorization: Bearer <key>` (hashing first makes the lengths equal). */
export function bearerMatches(req: IncomingMessage, expectedKey: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(header.slice('Bearer '.length).trim()), digest(expectedKey));
}
