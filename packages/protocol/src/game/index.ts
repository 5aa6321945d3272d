/** The Onyx <-> Moonstone game connection (WebSocket, JSON text frames). See docs/moonstone-contract.md. */
import { createMessageDecoder } from '../core/decode.js';
import { moonstoneClientSchemas } from './client-messages.js';
import { moonstoneServerSchemas } from './server-messages.js';

export * from './client-messages.js';
export * from './server-messages.js';
export * from './families.js';

/** Frames larger than this are refused (PAYLOAD_TOO_LARGE) before parsing. */
export const GAME_MAX_FRAME_CHARS = 4096;

export const gameDecoders = {
  client: createMessageDecoder(moonstoneClientSchemas),
  server: createMessageDecoder(moonstoneServerSchemas),
} as const;
