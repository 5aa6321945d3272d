import { queueOfSlot, type CoralServerMessage, type Lobby, type QueueModeId } from '@glaceon/protocol';
import type { PlayerMatchView, QueueEvent } from '@glaceon/store';
import type { TicketSigner } from '../games/tickets.js';
import type { PlayerConnection } from '../socket/connection.js';
import { lobbyView } from './lobby-view.js';
import { matchFound } from './messages.js';
import type { QueueStatsBoard } from './queue-stats.js';
import { viewKey, viewKeys, type PlayerLocalState, type PlayerRegistry } from './registry.js';

/** Where a player's game runs (what game.ready carries besides the ticket). */
export interface GameAddress {
  gameId: string;
  prematchId: string;
  serverId: string;
  address: string;
}

export interface NotifyDeps {
  registry: PlayerRegistry;
  signer: TicketSigner;
  stats: Pick<QueueStatsBoard, 'statusOf'>;
}

/**
 * What a player is told: the one place that sends server messages to a player's sockets, and
 * records in the registry what the player now knows (position and view key) as it tells them.
 * The other rooms decide when; this decides what a message means for the player's recorded view.
 */
export class Notify {
  constructor(private readonly deps: NotifyDeps) {}

  /** The reply to a request, on the socket that sent it. */
  ack(conn: PlayerConnection, id: string): void {
    conn.send({ type: 'ack', id });
  }

  /** Send to every socket of the player held here; false if none. */
  send(playerId: string, message: CoralServerMessage): boolean {
    const entry = this.deps.registry.get(playerId);
    if (!entry) return false;
    for (const conn of entry.sockets) conn.send(message);
    return true;
  }

  /** The same message to many players, JSON-encoded once; how many were held here. */
  broadcast(playerIds: Iterable<string>, message: CoralServerMessage): number {
    const { registry } = this.deps;
    let text: string | undefined;
    let sent = 0;
    for (const p of playerIds) {
      const entry = registry.get(p);
      if (!entry) continue;
      text ??= JSON.stringify(message);
      for (const conn of entry.sockets) conn.sendEncoded(text);
      sent++;
    }
    return sent;
  }

  /** Queued or requeued (an event): each player's position, and a queue.status at once. */
  queued(playerIds: readonly string[], event: Extract<QueueEvent, { type: 'queued' | 'requeued' }>, now: number): void {
    const { registry, stats } = this.deps;
    for (const p of playerIds) {
      const entry = registry.get(p);
      if (!entry) continue;
      registry.know(entry, { state: 'queued', lobbyId: event.lobbyId, mode: event.mode, queuedAt: event.queuedAt });
      registry.told(entry, viewKeys.queued(event.ticket));
      this.status(entry, stats.statusOf(event.lobbyId, event.mode, event.queuedAt, now), now);
    }
  }

  /** A queue.status (queued players only). */
  status(entry: PlayerLocalState, message: CoralServerMessage, now: number): void {
    this.deps.registry.statusSent(entry, now);
    this.send(entry.playerId, message);
  }

  /** Claimed into a ready check (an event): each player's position, then one match.found for all. */
  matchFound(playerIds: readonly string[], event: Extract<QueueEvent, { type: 'prematch' }>): void {
    const { registry } = this.deps;
    for (const p of playerIds) {
      const entry = registry.get(p);
      if (!entry) continue;
      const lobbyId = 'lobbyId' in entry.known ? entry.known.lobbyId : '';
      registry.know(entry, { state: 'prematch', lobbyId, mode: event.mode, prematchId: event.pm });
      registry.told(entry, viewKeys.prematch(event.pm));
    }
    this.broadcast(playerIds, {
      type: 'match.found',
      prematchId: event.pm,
      mode: queueOfSlot(event.mode),
      deadline: event.deadline,
      players: Math.max(1, event.players.length),
      accepted: 0,
      youAccepted: false,
    });
  }

  /** Accepts so far in a ready check (no change of position). */
  progress(event: Extract<QueueEvent, { type: 'accepted' }>): void {
    this.broadcast(event.players, {
      type: 'match.progress',
      prematchId: event.pm,
      accepted: event.accepted.length,
      players: Math.max(1, event.players.length),
    });
  }

  /** Everyone accepted, the game is being created: recorded only; game.ready (or game.pending) tells. */
  gameCreating(playerIds: readonly string[], event: Extract<QueueEvent, { type: 'game_creating' }>): void {
    const { registry } = this.deps;
    for (const p of playerIds) {
      const entry = registry.get(p);
      if (!entry) continue;
      const k = entry.known;
      registry.know(entry, { state: 'ingame', lobbyId: 'lobbyId' in k ? k.lobbyId : '', mode: event.mode, gameId: event.gameId, ready: false });
      registry.told(entry, viewKeys.ingame(event.gameId, 'creating'));
    }
  }

  /** The game is slow to be created (no free server). */
  gamePending(playerId: string, prematchId: string, until: number): void {
    this.send(playerId, { type: 'game.pending', prematchId, reason: 'no_server', until });
  }

  /** Record that the player's game is ready (what reconcile and a deferred game.ready check). */
  gameReadyRecorded(entry: PlayerLocalState, game: GameAddress): void {
    const k = entry.known;
    const mode: QueueModeId | undefined = 'mode' in k ? k.mode : undefined;
    this.deps.registry.know(entry, { state: 'ingame', lobbyId: 'lobbyId' in k ? k.lobbyId : '', mode, gameId: game.gameId, ready: true });
    this.deps.registry.told(entry, viewKeys.ingame(game.gameId, 'ready'));
  }

  /** game.ready with a join ticket signed for this player. */
  gameReady(entry: PlayerLocalState, game: GameAddress, now: number, conns?: readonly PlayerConnection[]): void {
    this.gameReadyRecorded(entry, game);
    // Given sockets (a resume, a reconcile) always get a fresh ticket; from an event, only the
    // sockets that have not had this game's yet (a socket resumed meanwhile may have).
    const targets = conns ?? [...entry.sockets].filter((c) => c.gameReadyFor !== game.gameId);
    if (targets.length === 0) return;
    // The ticket is this player's alone: only their sockets ever see it.
    const { ticket, expiresAt } = this.deps.signer.issue({ gameId: game.gameId, playerId: entry.playerId, serverId: game.serverId, now });
    const message: CoralServerMessage = {
      type: 'game.ready',
      gameId: game.gameId,
      prematchId: game.prematchId,
      serverId: game.serverId,
      moonstone: game.address,
      ticket,
      ticketExpiresAt: expiresAt,
    };
    for (const conn of targets) {
      conn.send(message);
      conn.gameReadyFor = game.gameId;
    }
  }

  /**
   * The player's whole state from a view read from keys (with the lobby of the same read), to
   * `conns` (a fresh socket) or all their sockets: the lobby, then what the position needs
   * (queue.status, match.found, game.ready with a fresh ticket).
   */
  snapshot(entry: PlayerLocalState, view: PlayerMatchView, lobby: Lobby | null, conns: readonly PlayerConnection[], now: number): void {
    const { registry, stats } = this.deps;
    registry.told(entry, viewKey(view));
    const messages: CoralServerMessage[] = [];
    if (view.state === 'none') {
      registry.know(entry, { state: 'none' });
      messages.push({ type: 'lobby.updated', lobby: null });
    } else {
      messages.push({ type: 'lobby.updated', lobby: lobby ? lobbyView(lobby) : null });
      switch (view.state) {
        case 'idle':
          registry.know(entry, { state: 'idle', lobbyId: view.lobbyId });
          break;
        case 'queued':
          registry.know(entry, { state: 'queued', lobbyId: view.lobbyId, mode: view.mode, queuedAt: view.queuedAt });
          messages.push(stats.statusOf(view.lobbyId, view.mode, view.queuedAt, now));
          break;
        case 'prematch':
          registry.know(entry, { state: 'prematch', lobbyId: view.lobbyId, mode: view.mode, prematchId: view.prematchId });
          messages.push(matchFound(view));
          break;
        case 'ingame':
          registry.know(entry, { state: 'ingame', lobbyId: view.lobbyId, mode: view.mode, gameId: view.gameId, ready: view.game === 'ready' });
          break;
      }
    }
    for (const conn of conns) for (const m of messages) conn.send(m);
    if (view.state === 'ingame' && view.game === 'ready' && view.serverId && view.address) {
      // A fresh ticket for every resume: the previous one may have expired.
      this.gameReady(entry, { gameId: view.gameId, prematchId: view.prematchId, serverId: view.serverId, address: view.address }, now, conns);
    }
  }
}
