/**
 * The event hub of one Realm instance: the event sockets it holds, one Redis
 * subscription per player it holds a socket for (the store's player bus), the
 * presence heartbeat and the sweep of players whose instance died.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { closeCodeOf, createMessageDecoder, REALM_SERVER_MESSAGES, type RealmServerMessage } from '@glaceon/protocol';
import {
  createPlayerBusSubscriber,
  decodeRealmBusMessage,
  dropConnection,
  getPlayerLobby,
  playerIdOfBusChannel,
  subscribePlayerBus,
  touchConnections,
  unsubscribePlayerBus,
  type RealmBusMessage,
  type RedisClient,
} from '@glaceon/store';
import type { RealmConfig } from '../config.js';
import type { RealmMetrics } from '../plugins/metrics.js';
import { buildSnapshot, friendsView } from './views.js';
import { recomputePresence, sweepPresence } from './presence.js';

export interface Connection {
  readonly id: string;
  readonly playerId: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly socket: WebSocket;
  /** Traffic seen since the last heartbeat tick (pong or any message). */
  alive: boolean;
}

const decodeServerMessage = createMessageDecoder([...REALM_SERVER_MESSAGES]);

export class EventHub {
  private readonly byPlayer = new Map<string, Set<Connection>>();
  private readonly subscriber: RedisClient;
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
    return { id: randomUUID(), playerId: session.playerId, name: session.name, tokenHash: session.tokenHash, socket, alive: true };
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
    this.metrics.sockets.inc();
    // Closed while we were subscribing: the close handler ran before we registered it.
    if (conn.socket.readyState !== conn.socket.OPEN) {
      await this.remove(conn);
      return;
    }
    await touchConnections(this.redis, [[conn.playerId, conn.id]], this.config.presenceTtlMs);
    await this.sendSnapshot(conn, helloId);
    await this.recomputePresence(conn.playerId);
  }

  async remove(conn: Connection): Promise<void> {
    const set = this.byPlayer.get(conn.playerId);
    if (!set || !set.delete(conn)) return;
    this.metrics.sockets.dec();
    if (set.size === 0) {
      this.byPlayer.delete(conn.playerId);
      if (!this.closed) await unsubscribePlayerBus(this.subscriber, conn.playerId).catch(() => undefined);
    }
    await dropConnection(this.redis, conn.playerId, conn.id);
    await this.recomputePresence(conn.playerId);
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

  send(conn: Connection, message: RealmServerMessage): void {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
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
        const lobby = await getPlayerLobby(this.redis, playerId);
        const reason = lobby && lobby.id === message.lobbyId ? 'changed' : (message.reason ?? 'changed');
        this.sendToPlayer(playerId, { type: 'lobby.updated', lobby, reason });
        await this.recomputePresence(playerId);
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

  sweep(): Promise<void> {
    return sweepPresence(this.redis);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const set of this.byPlayer.values()) for (const conn of set) conn.socket.close(1001, 'server shutting down');
    this.subscriber.disconnect();
  }
}
