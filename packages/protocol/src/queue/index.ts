/** Queue events: the matchmaking scripts' pub/sub payloads (Redis, between Corals). */
export * from './events.js';
export * from './families.js';
