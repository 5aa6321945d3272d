/**
 * @glaceon/protocol: every contract shared by the launcher, Realm, Coral,
 * Moonstone and Onyx. Browser-safe: nothing here imports Node. Node-only
 * helpers (ticket signing) live behind `@glaceon/protocol/node`.
 */
export * from './core/index.js';
export * from './common/index.js'; // ids, shared small schemas, message-family registry
export * from './realm/index.js'; // Realm HTTP API and event socket
export * from './coral/index.js'; // Coral player socket, both directions
export * from './fleet/index.js'; // Moonstone fleet contract (register, heartbeat, allocation, reports)
export * from './game/index.js'; // Onyx <-> Moonstone game connection
export * from './queue/index.js'; // queue events between Corals (Redis pub/sub)
export * from './ticket/index.js'; // join ticket payload and browser-safe parsing
export * from './invite/index.js'; // glaceon://join/<token>
export * from './onyx/index.js'; // Onyx launch argv
