export * from './coraline.js';
export * from './backoff.js';
export * from './emitter.js';
export type { WebSocketConstructor, WebSocketLike } from './socket.js';
export * from './ping.js';
