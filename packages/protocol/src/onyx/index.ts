export * from './argv.js';
