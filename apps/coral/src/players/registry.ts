import type { PlayerConnection } from '../socket/connection.js';
import type { QueueModeId } from '@glaceon/protocol';
import type { PlayerMatchView, ToldPlayerPosition } from '@glaceon/store';

/** Last known matchmaking position of a player, from an event or a reconcile. */
export type KnownPosition =
  | { state: 'unknown' }
  | { state: 'none' }
  | { state: 'idle'; lobbyId: string }
  | { state: 'queued'; lobbyId: string; mode: QueueModeId; queuedAt: number }
  // lobbyId '': the event that moved the player on names no lobby and none was known before.
  | { state: 'prematch'; lobbyId: string; mode: QueueModeId; prematchId: string }
  // mode undefined: game_ready reached a player whose queue mode was never known here (nothing reads it then).
  | { state: 'ingame'; lobbyId: string; mode: QueueModeId | undefined; gameId: string; ready: boolean };

/**
 * What this Coral last told a player, so periodic work knows what to refresh. Read-only outside this
 * file: the registry is the only writer (through `know`, `told`, `statusSent`, `reconciled`).
 */
export interface PlayerLocalState {
  readonly playerId: string;
  /** Which slice of the periodic work (reconcile, status, keep-alive) this player falls in. */
  readonly slot: number;
  readonly sockets: ReadonlySet<PlayerConnection>;
  readonly known: KnownPosition;
  /** When this player last got a `queue.status` (the periodic push skips those just told). */
  readonly statusAt?: number;
  /** View key of what the player was last told (reconcile compares against it); set with `told`. */
  readonly lastKey?: string;
  /** When lastKey last changed (ms): the timed reconcile leaves a player alone for a moment after. */
  readonly toldAt?: number;
  /** When the timed reconcile last checked this player (ms). */
  readonly reconciledAt?: number;
}

type Entry = { -readonly [K in keyof PlayerLocalState]: PlayerLocalState[K] } & { sockets: Set<PlayerConnection> };

/**
 * View keys: a stable key per position; when a player's key changes, the player must be told.
 * Events build them from their fields, reconcile from a view (`viewKey`); both must agree.
 */
export const viewKeys = {
  none: (): string => 'none',
  idle: (lobbyId: string): string => `idle:${lobbyId}`,
  queued: (ticket: string): string => `queued:${ticket}`,
  prematch: (prematchId: string): string => `prematch:${prematchId}`,
  ingame: (gameId: string, game: 'creating' | 'ready'): string => `ingame:${gameId}:${game}`,
};

/** The view key of a view read from keys. */
export function viewKey(view: PlayerMatchView): string {
  switch (view.state) {
    case 'none':
      return viewKeys.none();
    case 'idle':
      return viewKeys.idle(view.lobbyId);
    case 'queued':
      return viewKeys.queued(view.ticket);
    case 'prematch':
      return viewKeys.prematch(view.prematchId);
    case 'ingame':
      return viewKeys.ingame(view.gameId, view.game);
  }
}

const QUEUED_PREFIX = viewKeys.queued('');

/**
 * What the player was told, as plain data for the store's cheap check (`playerViewUnchanged`);
 * undefined when nothing was told yet. The queued ticket comes from the last view key, not from
 * `known`: the key is recorded when the player is told, `known` by a snapshot a lobby read later.
 */
export function toldPosition(entry: PlayerLocalState): ToldPlayerPosition | undefined {
  const k = entry.known;
  switch (k.state) {
    case 'unknown':
      return undefined;
    case 'none':
      return { state: 'none' };
    case 'idle':
      return { state: 'idle', lobbyId: k.lobbyId };
    case 'queued': {
      const ticket = entry.lastKey?.startsWith(QUEUED_PREFIX) ? entry.lastKey.slice(QUEUED_PREFIX.length) : undefined;
      return { state: 'queued', lobbyId: k.lobbyId, mode: k.mode, ticket };
    }
    case 'prematch':
      return { state: 'prematch', lobbyId: k.lobbyId, mode: k.mode, prematchId: k.prematchId };
    case 'ingame':
      return { state: 'ingame', lobbyId: k.lobbyId, ready: k.ready };
  }
}

/**
 * Player id -> the handshaken sockets this Coral holds for them (a player may
 * have the launcher open twice), and what they were last told. Events for a
 * player go to every socket.
 */
export class PlayerRegistry {
  private readonly players = new Map<string, Entry>();
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

  /** The account name of a player held here, from the session of one of their sockets. */
  heldName(playerId: string): string | undefined {
    for (const conn of this.players.get(playerId)?.sockets ?? []) return conn.playerName;
    return undefined;
  }

  has(playerId: string): boolean {
    return this.players.has(playerId);
  }

  // The writers below take the entry itself, not its id: a caller still holding the entry of a
  // player who left and came back (an await in between) must not overwrite the new entry.

  /** Record the player's position (from an event or a view). */
  know(entry: PlayerLocalState, known: KnownPosition): void {
    (entry as Entry).known = known;
  }

  /** Record the view key of what the player was just told (the key reconcile compares against). */
  told(entry: PlayerLocalState, key: string, now = Date.now()): void {
    const e = entry as Entry;
    if (e.lastKey !== key) e.toldAt = now;
    e.lastKey = key;
  }

  statusSent(entry: PlayerLocalState, now: number): void {
    (entry as Entry).statusAt = now;
  }

  reconciled(entry: PlayerLocalState, now: number): void {
    (entry as Entry).reconciledAt = now;
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
