import type { PlayerConnection } from '../socket/connection.js';
import type { CoralServerMessage } from '@glaceon/protocol';

/** What this Coral last told a player, so periodic work knows what to refresh. */
export interface PlayerLocalState {
  playerId: string;
  /** Which slice of the periodic work (reconcile, status, keep-alive) this player falls in. */
  slot: number;
  sockets: Set<PlayerConnection>;
  /** Last known matchmaking position, from an event or a reconcile. */
  known:
    | { state: 'unknown' }
    | { state: 'none' }
    | { state: 'idle'; lobbyId: string }
    | { state: 'queued'; lobbyId: string; mode: string; queuedAt: number }
    | { state: 'prematch'; lobbyId: string; mode: string; prematchId: string }
    | { state: 'ingame'; lobbyId: string; mode: string; gameId: string; ready: boolean };
  /** When this player last got a `queue.status` (the periodic push skips those just told). */
  statusAt?: number;
  /** viewKey of what the player was last told (reconcile compares against it); set with `told`. */
  lastKey?: string;
  /** When lastKey last changed (ms): the timed reconcile leaves a player alone for a moment after. */
  toldAt?: number;
  /** When the timed reconcile last checked this player (ms). */
  reconciledAt?: number;
}

/** Record what the player was just told (the view key reconcile compares against). */
export function told(entry: PlayerLocalState, key: string, now = Date.now()): void {
  if (entry.lastKey !== key) entry.toldAt = now;
  entry.lastKey = key;
}

/**
 * Player id -> the handshaken sockets this Coral holds for them (a player may
 * have the launcher open twice). Events for a player go to every socket.
 */
export class PlayerRegistry {
  private readonly players = new Map<string, PlayerLocalState>();
  private nextSlot = 0;

  /** @param slots how many slices periodic work is spread over (players are dealt round-robin). */
  constructor(readonly slots = 1) {}

  add(conn: PlayerConnection): { entry: PlayerLocalState; first: boolean } {
    let entry = this.players.get(conn.playerId);
    const first = !entry;
    if (!entry) {
      entry = { playerId: conn.playerId, slot: this.nextSlot++ % this.slots, sockets: new Set(), known: { state: 'unknown' } };
      this.players.set(conn.playerId, entry);
    }
    entry.sockets.add(conn);
    return { entry, first };
  }

  /** Returns true when that was the player's last socket here. */
  remove(conn: PlayerConnection): boolean {
    const entry = this.players.get(conn.playerId);
    if (!entry || !entry.sockets.delete(conn)) return false;
    if (entry.sockets.size === 0) {
      this.players.delete(conn.playerId);
      return true;
    }
    return false;
  }

  get(playerId: string): PlayerLocalState | undefined {
    return this.players.get(playerId);
  }

  has(playerId: string): boolean {
    return this.players.has(playerId);
  }

  /** Send to every socket of the player held here; false if none. */
  send(playerId: string, message: CoralServerMessage): boolean {
    const entry = this.players.get(playerId);
    if (!entry) return false;
    for (const conn of entry.sockets) conn.send(message);
    return true;
  }

  /** The same message to many players, JSON-encoded once; how many were held here. */
  broadcast(playerIds: Iterable<string>, message: CoralServerMessage): number {
    let text: string | undefined;
    let sent = 0;
    for (const p of playerIds) {
      const entry = this.players.get(p);
      if (!entry) continue;
      text ??= JSON.stringify(message);
      for (const conn of entry.sockets) conn.sendEncoded(text);
      sent++;
    }
    return sent;
  }

  entries(): IterableIterator<PlayerLocalState> {
    return this.players.values();
  }

  /** The players of one slice (all of them when `slot` is undefined). */
  *inSlot(slot: number | undefined): IterableIterator<PlayerLocalState> {
    for (const entry of this.players.values()) if (slot === undefined || entry.slot === slot) yield entry;
  }

  get playerCount(): number {
    return this.players.size;
  }
}
