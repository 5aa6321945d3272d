export * from './tokens.js';
export * from './direct.js';
