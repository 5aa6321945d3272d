import type { QueueModeId } from '@glaceon/protocol';

/** A game server handed out for one game. */
export interface ServerAllocation {
  serverId: string;
  /** host:port players connect to. */
  address: string;
  /** Tell the server about the game before any player gets a ticket for it. */
  push(): Promise<void>;
}

export interface AllocateInput {
  gameId: string;
  mode: QueueModeId;
  /** Player ids per team. */
  teams: string[][];
}

/**
 * What game creation needs from the Moonstone fleet. The default is the fleet
 * registry in Redis (store/fleet) plus an HTTP push to the server; the
 * benchmark may pass a stand-in.
 */
export interface GameServerFleet {
  /** Reserve a server for this game, or null when none is free right now. Idempotent per game id. */
  allocate(input: AllocateInput): Promise<ServerAllocation | null>;
}
