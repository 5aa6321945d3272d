/**
 * @glaceon/protocol/node: Node-only helpers (node:crypto). Never import this
 * from browser or renderer code; the main entry stays browser-safe.
 */
export { generateTicketKeyPair, publicKeyFromPrivate, loadKeyFromEnv, type TicketKeyPair } from './keys.js';
export { signJoinTicket } from './sign.js';
export { verifyJoinTicket, type JoinTicketExpectations } from './verify.js';
export { fleetServerKey, signFleetPush, secretEquals, FleetPushVerifier, type FleetPushSignature, type PushCheck } from './fleet-auth.js';
export { defaultQueuesPath, loadQueuesFile, queuesFromEnv, MAX_QUEUES_FILE_BYTES } from './queues.js';
export { corkForThisTurn } from './cork-turn.js';
