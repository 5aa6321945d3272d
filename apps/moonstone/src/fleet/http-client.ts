/**
 * Moonstone's HTTP client for Coral's fleet API: node:http(s) with one keep-alive agent,
 * instead of `fetch`. Under load a game's reports and the heartbeat are most of a
 * Moonstone's CPU, and fetch's machinery (streams, abort signals, a pool per origin)
 * cost about twice a plain keep-alive request (coral-perf-004).
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Answers are small (acks, the heartbeat's game list); more than this is refused. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

export interface FleetAnswer {
  status: number;
  ok: boolean;
  text: string;
}

export type FleetRequest = (
  url: string,
  init: { method: 'PUT' | 'POST' | 'DELETE'; headers: Record<string, string>; body?: string; timeoutMs: number },
) => Promise<FleetAnswer>;

/**
 * A client with keep-alive connections of its own. The heartbeat and the reports each have
 * one, so a heartbeat never waits for a free connection behind a burst of game-end reports
 * (a late heartbeat is a server declared lost).
 */
export function createFleetClient(maxSockets: number): FleetRequest {
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
  return (url, init) => fleetRequest(url, init, httpAgent, httpsAgent);
}

/** One request; rejects on a network error, a timeout or an oversized answer (the caller retries). */
function fleetRequest(
  url: string,
  init: { method: 'PUT' | 'POST' | 'DELETE'; headers: Record<string, string>; body?: string; timeoutMs: number },
  httpAgent: HttpAgent,
  httpsAgent: HttpsAgent,
): Promise<FleetAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const https = target.protocol === 'https:';
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const req = (https ? httpsRequest : httpRequest)(
      target,
      {
        method: init.method,
        agent: https ? httpsAgent : httpAgent,
        headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        timeout: init.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`answer over ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(c);
        });
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve({ status, ok: status >= 200 && status < 300, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${init.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
