export * from './paths.js';
export * from './service.js';
export * from './stack.js';
export * from './supervise.js';
