import { isSlotId, type QueueEvent } from '@glaceon/protocol';
import { channels } from '../keys.js';
import type { RedisClient } from '../redis.js';
import { prematchIdOf } from './util.js';

/**
 * Offer one player of a running game a fresh join ticket: a `game_ready` event naming only
 * them, on their mode's channel, so whichever Coral holds their socket signs a new ticket
 * and sends `game.ready` again. Join tickets admit once (a reconnect needs a fresh one), so
 * this follows a server's `player.left` report. At most once like every event: a player who
 * misses it gets a fresh ticket on their next (re)connect anyway.
 */
export async function offerFreshTicket(
  redis: RedisClient,
  input: { mode: string; gameId: string; serverId: string; address: string; playerId: string },
): Promise<void> {
  if (!isSlotId(input.mode)) return; // a game the matchmaker does not know (made by hand)
  const event = {
    type: 'game_ready' as const,
    mode: input.mode,
    pm: prematchIdOf(input.gameId),
    gameId: input.gameId,
    serverId: input.serverId,
    address: input.address,
    players: [input.playerId],
  } satisfies Extract<QueueEvent, { type: 'game_ready' }>;
  await redis.spublish(channels.queueEvents(input.mode), JSON.stringify(event));
}
