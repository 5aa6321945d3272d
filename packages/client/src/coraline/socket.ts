/**
 * The part of the WHATWG WebSocket that Coraline uses. Browsers and Electron
 * provide it globally; in Node 20 pass the `ws` package's WebSocket, which
 * implements the same properties (and accepts a third `options` argument used
 * for the Authorization header).
 */
export interface WebSocketLike {
  readonly readyState: number;
  readonly bufferedAmount?: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[], options?: { headers?: Record<string, string> }) => WebSocketLike;

export const WS_OPEN = 1;

export function defaultWebSocket(): WebSocketConstructor {
  const ctor = (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof ctor !== 'function') {
    throw new Error('No global WebSocket: pass one to Coraline (in Node: `import { WebSocket } from "ws"`).');
  }
  return ctor as WebSocketConstructor;
}
