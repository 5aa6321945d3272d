/** @glaceon/coral: the matchmaking server. `server.ts` is the process entry; tests and tools build it with `buildCoral`. */
export { buildCoral, type BuildCoralOptions, type Coral } from './app.js';
export { coralConfig, DEFAULTS as CORAL_DEFAULTS, type CoralConfig } from './config/config.js';
export { readEnv } from './config/env.js';
export type { GameServerFleet, ServerAllocation, AllocateInput } from './games/fleet-port.js';
