export { buildApp, type BuildAppOptions } from './app.js';
export { defaultConfig, configFromEnv, type RealmConfig, DEFAULT_CORAL_PUBLIC_URL } from './config.js';
