/**
 * Coral's side of the Moonstone fleet contract: the HTTP API servers talk to,
 * the allocation push, and the sweeper that notices lost servers.
 * Contract: docs/moonstone-contract.md. Redis: docs/redis/fleet.md.
 */
export { createFleetApi, type FleetApi, type FleetApiOptions } from './api.js';
export { pushAllocation, createAllocationPusher, allocationBody, type AllocationPusher, type PushResult } from './push.js';
export { startFleetSweeper, type FleetSweeper } from './sweeper.js';
export { deliverGameEnding } from './settle.js';
export type { FleetHooks, FleetGameEndedEvent, FleetPlayerEvent, FleetLog } from './hooks.js';
