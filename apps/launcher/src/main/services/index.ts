/** OS services: plain Node modules (no Electron), driven directly by tests and by the dev bridge. */
export * from './bridge-service.js';
export * from './deep-link-queue.js';
export * from './log-files.js';
export * from './onyx-launcher.js';
export * from './session-store.js';
export * from './settings-store.js';
export * from './user-data.js';
export * from './window-policy.js';
export * from './ping-origins.js';
