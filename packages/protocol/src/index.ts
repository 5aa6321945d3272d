/**
 * @glaceon/protocol: every contract shared by the launcher, Realm, Coral,
 * Moonstone and Onyx. Browser-safe: nothing here imports Node. Node-only
 * helpers (ticket signing) live behind `@glaceon/protocol/node`.
 */
export * from './core/index.js';
