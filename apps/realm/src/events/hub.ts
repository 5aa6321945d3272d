/**
 * The event hub of one Realm instance: the event sockets it holds, one Redis
 * subscription per player it holds a socket for (the store's player bus), the
 * presence heartbeat and the sweep of players whose instance died.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { closeCodeOf, createMessageDecoder, REALM_SERVER_MESSAGES, TokenBucket, type RealmServerMessage } from '@glaceon/protocol';
import {
  createPlayerBusSubscriber,
  decodeRealmBusMessage,
  dropConnection,
  getPlayerLobby,
  getPlayerLobbyId,
  notifyLobbyChanged,
  playerIdOfBusChannel,
  subscribePlayerBus,
  touchConnections,
  unsubscribePlayerBus,
  watchSessionSockets,
  type RealmBusMessage,
  type RedisClient,
  type SessionSocketWatch,
} from '@glaceon/store';
import type { RealmConfig } from '../config.js';
import type { RealmMetrics } from '../plugins/metrics.js';
import { buildSnapshot, friendsView, lobbyOnline } from './views.js';
import { recomputePresence, sweepPresence } from './presence.js';
import { leaveAfterGame, sweepLeavesAfterGame } from '../lobbies/leave-on-sign-out.js';

export interface Connection {
  readonly id: string;
  readonly playerId: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly socket: WebSocket;
  /** A pong seen since the last heartbeat tick. Only pongs count: a client that sends but never reads is not alive. */
  alive: boolean;
  /** Frames allowed (config.events.ratePerSec / rateBurst). */
  readonly bucket: TokenBucket;
  /** Frames refused in a row; a client that keeps flooding after being told is cut. */
  floods: number;
  /** Resync coalescing: one snapshot in flight; further requests meanwhile are answered by one more, with the latest id. */
  resync: { running: boolean; pending: boolean; id: string | undefined };
}

const decodeServerMessage = createMessageDecoder([...REALM_SERVER_MESSAGES]);

export class EventHub {
  private readonly byPlayer = new Map<string, Set<Connection>>();
  private readonly subscriber: RedisClient;
  /**
   * The same sockets by session. Sockets authenticate once, at the upgrade: an ended session
   * (revocation stream, or the re-check every `sessionRecheckMs`) closes them (realm-003).
   */
  private readonly sessions: SessionSocketWatch<Connection>;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly redis: RedisClient,
    private readonly config: RealmConfig,
    private readonly log: FastifyBaseLogger,
    private readonly metrics: RealmMetrics,
  ) {
    this.subscriber = createPlayerBusSubscriber(redis);
    this.subscriber.on('smessage', (channel: string, text: string) => void this.onBusMessage(channel, text));
    this.subscriber.on('error', (error: Error) => {
      if (!this.closed) this.log.warn({ err: error }, 'event subscriber error');
    });
    // After a drop (CLIENT KILL, a Redis restart or failover) ioredis re-subscribes, but
    // anything published meanwhile is lost: resend every socket its snapshot (the truth
    // is in keys), as a reconnecting client would get.
    let readyOnce = false;
    const resync = () => {
      if (!readyOnce) {
        readyOnce = true;
        return;
      }
      if (!this.closed) void this.resyncAll();
    };
    this.subscriber.on('ready', resync);
    this.subscriber.on('+subscriber', resync);
    this.sessions = watchSessionSockets<Connection>(redis, {
      close: (conn) => conn.socket.close(closeCodeOf('UNAUTHENTICATED'), 'session ended'),
      recheckMs: config.sessionRecheckMs,
      log,
    });
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.config.heartbeatMs);
    this.timer.unref();
  }

  get size(): number {
    let n = 0;
    for (const set of this.byPlayer.values()) n += set.size;
    return n;
  }

  newConnection(session: { playerId: string; name: string; tokenHash: string }, socket: WebSocket): Connection {
    const { ratePerSec, rateBurst } = this.config.events;
    return {
      id: randomUUID(),
      playerId: session.playerId,
      name: session.name,
      tokenHash: session.tokenHash,
      socket,
      alive: true,
      bucket: new TokenBucket(ratePerSec, rateBurst),
      floods: 0,
      resync: { running: false, pending: false, id: undefined },
    };
  }

  /**
   * A resync request. At most one snapshot is built per socket at a time:
   * requests arriving meanwhile collapse into one more snapshot (answering
   * the latest id), so a flood of resyncs costs at most two snapshots.
   */
  async requestResync(conn: Connection, id: string | undefined): Promise<void> {
    if (conn.resync.running) {
      conn.resync.pending = true;
      conn.resync.id = id;
      return;
    }
    conn.resync.running = true;
    try {
      let next: string | undefined = id;
      for (;;) {
        await this.sendSnapshot(conn, next);
        if (!conn.resync.pending || conn.socket.readyState !== conn.socket.OPEN) break;
        conn.resync.pending = false;
        next = conn.resync.id;
      }
    } finally {
      conn.resync.running = false;
      conn.resync.pending = false;
    }
  }

  /** Register after a valid `hello`: subscribe first, so nothing published after the snapshot is read can be missed. */
  async add(conn: Connection, helloId: string | undefined): Promise<void> {
    let set = this.byPlayer.get(conn.playerId);
    if (!set) {
      set = new Set();
      this.byPlayer.set(conn.playerId, set);
      await subscribePlayerBus(this.subscriber, conn.playerId);
    }
    set.add(conn);
    this.sessions.track(conn, conn.tokenHash);
    this.metrics.sockets.inc();
    // Past the cap, the oldest sockets go (a Set iterates in insertion order): a
    // reconnecting launcher always gets in, an account cannot pile up sockets.
    for (const old of set) {
      if (set.size <= this.config.events.maxSocketsPerAccount) break;
      set.delete(old);
      this.sessions.untrack(old, old.tokenHash);
      this.metrics.sockets.dec();
      this.metrics.dropped.inc({ reason: 'too_many_sockets' });
      old.socket.close(closeCodeOf('RATE_LIMITED'), 'too many event sockets');
      void dropConnection(this.redis, old.playerId, old.id).catch(() => undefined);
    }
    // Closed while we were subscribing: the close handler ran before we registered it.
    if (conn.socket.readyState !== conn.socket.OPEN) {
      await this.remove(conn);
      return;
    }
    await touchConnections(this.redis, [[conn.playerId, conn.id]], this.config.presenceTtlMs);
    await this.sendSnapshot(conn, helloId);
    await this.recomputePresence(conn.playerId);
    if (set.size === 1) await this.tellLobbyConnection(conn.playerId);
  }

  /**
   * The player's first socket here opened or the last one here closed: their lobby's members
   * re-read who is connected. Said on every such edge rather than only when the announced
   * presence flips, because that compare-and-set can be overtaken by a concurrent recompute
   * (a lobby change racing a disconnect) and then never flip back.
   */
  private async tellLobbyConnection(playerId: string): Promise<void> {
    const lobbyId = await getPlayerLobbyId(this.redis, playerId);
    if (lobbyId) await notifyLobbyChanged(this.redis, lobbyId);
  }

  async remove(conn: Connection): Promise<void> {
    const set = this.byPlayer.get(conn.playerId);
    if (!set || !set.delete(conn)) return;
    this.sessions.untrack(conn, conn.tokenHash);
    this.metrics.sockets.dec();
    if (set.size === 0) {
      this.byPlayer.delete(conn.playerId);
      if (!this.closed) await unsubscribePlayerBus(this.subscriber, conn.playerId).catch(() => undefined);
    }
    await dropConnection(this.redis, conn.playerId, conn.id);
    await this.recomputePresence(conn.playerId);
    if (!this.byPlayer.has(conn.playerId)) await this.tellLobbyConnection(conn.playerId);
  }

  async sendSnapshot(conn: Connection, id: string | undefined): Promise<void> {
    this.send(conn, await buildSnapshot(this.redis, conn, this.config.coralPublicUrl, id));
  }

  private async resyncAll(): Promise<void> {
    this.log.warn('event subscriber reconnected: resending snapshots');
    for (const set of this.byPlayer.values()) {
      for (const conn of set) await this.sendSnapshot(conn, undefined).catch((error: unknown) => this.log.warn({ err: error }, 'snapshot resend failed'));
    }
  }

  /**
   * Send, unless the client has stopped reading: what the kernel cannot take
   * queues in this process (bufferedAmount), so past the cap the socket is
   * terminated and its queue freed rather than left to grow.
   */
  send(conn: Connection, message: RealmServerMessage): void {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    if (conn.socket.bufferedAmount > this.config.events.maxBufferedBytes) {
      this.metrics.dropped.inc({ reason: 'slow_consumer' });
      conn.socket.terminate();
      return;
    }
    conn.socket.send(JSON.stringify(message));
    this.metrics.pushes.inc({ type: message.type });
  }

  private sendToPlayer(playerId: string, message: RealmServerMessage): void {
    for (const conn of this.byPlayer.get(playerId) ?? []) this.send(conn, message);
  }

  recomputePresence(playerId: string): Promise<void> {
    return recomputePresence(this.redis, playerId);
  }

  private async onBusMessage(channel: string, text: string): Promise<void> {
    const playerId = playerIdOfBusChannel(channel);
    if (playerId === null) return;
    const conns = this.byPlayer.get(playerId);
    if (!conns || conns.size === 0) return;
    const decoded = decodeRealmBusMessage.decodeText(text);
    if (!decoded.ok) {
      this.log.warn({ channel, error: decoded.error }, 'dropped a malformed bus message');
      return;
    }
    try {
      await this.handleBus(playerId, conns, decoded.value);
    } catch (error) {
      this.log.error({ err: error, channel }, 'bus message handling failed');
    }
  }

  private async handleBus(playerId: string, conns: Set<Connection>, message: RealmBusMessage): Promise<void> {
    switch (message.kind) {
      case 'event': {
        const event = decodeServerMessage.decode(message.event);
        if (!event.ok) {
          this.log.warn({ error: event.error }, 'dropped an invalid pushed event');
          return;
        }
        this.sendToPlayer(playerId, event.value);
        return;
      }
      case 'lobby': {
        // A line written with the change comes first, as its own push would have.
        if (message.line) this.sendToPlayer(playerId, { type: 'chat.line', lobbyId: message.lobbyId, line: message.line });
        const lobby = await getPlayerLobby(this.redis, playerId);
        const reason = lobby && lobby.id === message.lobbyId ? 'changed' : (message.reason ?? 'changed');
        this.sendToPlayer(playerId, { type: 'lobby.updated', lobby, reason, ...(lobby ? { online: await lobbyOnline(this.redis, lobby) } : {}) });
        await this.recomputePresence(playerId);
        // Idle again after a game: members who signed out during it leave now (their leave
        // tells everyone again). One read for a lobby with nobody to remove.
        if (lobby && lobby.id === message.lobbyId && lobby.state === 'idle') await leaveAfterGame(this.redis, lobby.id, this.log);
        return;
      }
      case 'friends': {
        this.sendToPlayer(playerId, { type: 'friends.updated', friends: await friendsView(this.redis, playerId) });
        return;
      }
      case 'signout': {
        for (const conn of [...conns]) {
          if (message.tokenHashes === 'all' || message.tokenHashes.includes(conn.tokenHash)) {
            conn.socket.close(closeCodeOf('UNAUTHENTICATED'), 'signed out');
          }
        }
        return;
      }
    }
  }

  /** Heartbeat: ping every socket, drop silent ones, refresh presence deadlines, sweep dead instances' players. */
  private async tick(): Promise<void> {
    const live: [string, string][] = [];
    for (const set of this.byPlayer.values()) {
      for (const conn of set) {
        if (!conn.alive) {
          this.metrics.dropped.inc({ reason: 'silent' });
          conn.socket.terminate();
          continue;
        }
        conn.alive = false;
        conn.socket.ping();
        live.push([conn.playerId, conn.id]);
      }
    }
    try {
      await touchConnections(this.redis, live, this.config.presenceTtlMs);
      await this.sweep();
    } catch (error) {
      this.log.warn({ err: error }, 'presence heartbeat failed');
    }
  }

  async sweep(): Promise<void> {
    await sweepPresence(this.redis);
    await sweepLeavesAfterGame(this.redis, this.log);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const set of this.byPlayer.values()) for (const conn of set) conn.socket.close(1001, 'server shutting down');
    this.subscriber.disconnect();
    this.sessions.stop();
  }
}
