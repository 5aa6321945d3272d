/** Plain TypeScript shared by main, preload and renderer: no Electron, DOM or Node. */
export * from './bridge.js';
export * from './deep-link.js';
export * from './ipc-channels.js';
export * from './onyx.js';
export * from './session.js';
export * from './settings.js';
