/** Realm: HTTP API bodies, the lobby as clients see it, and the event socket. */
export * from './ids.js';
export * from './lobby.js';
export * from './errors.js';
export * from './accounts.js';
export * from './friends.js';
export * from './lobbies.js';
export * from './events.js';
export * from './chat.js';
export * from './health.js';
export * from './families.js';
export * from './bus.js';
export * from './progression.js';
