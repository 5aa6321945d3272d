/**
 * @glaceon/client: the one typed client for Realm (HTTP + event socket) and
 * Coral (Coraline). Browser-safe (fetch, WebSocket); in Node pass a WebSocket
 * implementation such as `ws`. Used by the launcher, bots, benchmark and tests.
 */
export * from './realm/index.js';
export * from './coraline/index.js';
