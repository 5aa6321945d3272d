export * from './binaries.js';
export * from './ports.js';
export * from './processes.js';
export * from './redis.js';
