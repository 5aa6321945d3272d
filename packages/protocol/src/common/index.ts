export * from './families.js';
export * from './ids.js';
export * from './base64url.js';
export * from './host-port.js';
export * from './each-limited.js';
export * from './token-bucket.js';
