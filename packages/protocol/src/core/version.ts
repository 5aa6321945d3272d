/**
 * The wire protocol version. Every socket's first message states it; a peer
 * speaking another version is answered with INCOMPATIBLE_VERSION and closed.
 * Bump on any breaking change to a schema in this package.
 */
export const PROTOCOL_VERSION = 1;
