import type { Coraline } from '@glaceon/client';
import type { CoralEvent } from '@glaceon/protocol';
import { getPlayerMatchView, type PlayerMatchView, type RedisClient } from '@glaceon/store';
import type { TestPlayer } from './players.js';

/** What a client last heard about its matchmaking state, to compare with the keys. */
export class ClientProbe {
  readonly events: CoralEvent[] = [];
  coralIds: string[] = [];
  constructor(
    readonly player: TestPlayer,
    readonly client: Coraline,
  ) {
    client.on('message', (m) => this.events.push(m));
    client.on('welcome', (w) => this.coralIds.push(w.coralId));
  }

  last<T extends CoralEvent['type']>(type: T): Extract<CoralEvent, { type: T }> | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) if (this.events[i]?.type === type) return this.events[i] as Extract<CoralEvent, { type: T }>;
    return undefined;
  }

  /** The client's belief: the state implied by the last state-bearing message. */
  belief(): 'queued' | 'prematch' | 'ingame' | 'idle' | 'none' | 'unknown' {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i] as CoralEvent;
      switch (e.type) {
        case 'queue.status':
          return 'queued';
        case 'match.found':
          return 'prematch';
        case 'game.ready':
        case 'game.pending':
          return 'ingame';
        case 'lobby.updated':
          if (!e.lobby) return 'none';
          if (e.lobby.state === 'idle') return 'idle';
          continue; // the specific message follows it
        default:
          continue;
      }
    }
    return 'unknown';
  }
}

/**
 * Not stranded: the keys say queued, in a game, or idle with a reason, and
 * the client (if connected) believes the same.
 */
export async function settledState(redis: RedisClient, probe: ClientProbe, connected = true): Promise<PlayerMatchView | false> {
  const view = await getPlayerMatchView(redis, probe.player.playerId);
  const ok = view.state === 'queued' || (view.state === 'ingame' && view.game === 'ready') || (view.state === 'idle' && view.idleReason !== null);
  if (!ok) return false;
  if (connected && probe.belief() !== view.state) return false;
  return view;
}
