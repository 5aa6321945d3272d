export * from './version.js';
export * from './errors.js';
export * from './result.js';
export * from './decode.js';
export * from './error-body.js';
