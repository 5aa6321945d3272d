export * from './payload.js';
export * from './decode.js';
