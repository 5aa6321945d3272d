/** Queue configuration (the GLACEON_QUEUES file) and queue events (the matchmaking scripts' pub/sub payloads). */
export * from './config.js';
export * from './catalog.js';
export * from './events.js';
export * from './families.js';
export * from './slot.js';
