/**
 * A simulated player for the chaos soak and the failover suite: a real account
 * on a Realm, a real lobby, a real Coraline socket through the load balancer,
 * and for every game an in-process Onyx run (the stand-in's `runOnyx`) joining
 * Moonstone with the player's ticket. Every step it sees is written to the
 * observation log the outside checker reads.
 */
import WebSocket from 'ws';
import { Coraline, RealmClient } from '@glaceon/client';
import { runOnyx } from '@glaceon/onyx-standin';
import type { QueueModeId } from '@glaceon/protocol';

export type ReadyAnswer = 'accept' | 'decline' | 'ignore';

export interface Observation {
  /** ms since epoch */
  at: number;
  player: string;
  /** `welcome` (detail: the Coral) and `lobby` (detail: its state) only trace a run for --service-log. */
  kind: 'queued' | 'found' | 'answered' | 'ready' | 'ended' | 'cancelled' | 'idle' | 'onyx' | 'welcome' | 'lobby' | 'trace';
  id?: string;
  detail?: string;
}

export interface SimPlayerOptions {
  realmUrl: string;
  mode?: QueueModeId;
  /** How this player answers each ready check (seeded by the caller for reproducible runs). */
  answer: () => ReadyAnswer;
  /** Stop queueing again after this many games ended (Infinity: until stopped). */
  games?: number;
  /** Wait before queueing again after a game or a cancel. */
  requeueDelayMs?: () => number;
  observe: (o: Observation) => void;
  /** Also note every message, status change and disconnect (investigating a finding). */
  trace?: boolean;
}

let counter = 0;

export class SimPlayer {
  id = '';
  lobbyId = '';
  name = '';
  private coraline: Coraline | undefined;
  private realm: RealmClient | undefined;
  private stopped = false;
  private draining = false;
  private gamesEnded = 0;
  private readonly leaveGame: (() => void)[] = [];
  private requeueTimer: NodeJS.Timeout | undefined;
  /** Games this player received `game.ready` for, with their end time once known. */
  readonly games = new Map<string, { readyAt: number; endedAt?: number }>();
  private doneResolve!: () => void;
  /** Resolves once `games` games have ended for this player. */
  readonly done = new Promise<void>((resolve) => (this.doneResolve = resolve));

  constructor(private readonly options: SimPlayerOptions) {}

  private note(kind: Observation['kind'], id?: string, detail?: string): void {
    this.options.observe({ at: Date.now(), player: this.id, kind, ...(id ? { id } : {}), ...(detail ? { detail } : {}) });
  }

  async start(): Promise<void> {
    const realm = new RealmClient({ baseUrl: this.options.realmUrl });
    this.realm = realm;
    counter++;
    this.name = `sim${process.pid % 1000}_${counter}_${Math.floor(Math.random() * 1e4)}`.slice(0, 20);
    const session = await realm.register(this.name, `correct-horse-${Math.random().toString(36).slice(2, 10)}`);
    this.id = session.player.id;
    const created = await realm.createLobby(this.options.mode ?? '1v1');
    this.lobbyId = created.lobby.id;
    const token = realm.token!;
    const coraline = new Coraline({
      url: created.coralUrl,
      token,
      WebSocket: WebSocket as never,
      auth: 'header',
      clientName: 'glaceon-chaos',
      reconnect: { initialMs: 100, maxMs: 1000 },
      requestTimeoutMs: 5000,
    });
    this.coraline = coraline;
    coraline.on('match.found', (m) => {
      if (m.youAccepted) return;
      this.note('found', m.prematchId);
      const answer = this.options.answer();
      this.note('answered', m.prematchId, answer);
      if (answer === 'accept') void coraline.accept(m.prematchId).catch((e: Error) => this.note('answered', m.prematchId, `accept failed: ${e.message}`));
      else if (answer === 'decline') void coraline.decline(m.prematchId).catch(() => undefined);
    });
    coraline.on('game.ready', (g) => {
      if (!this.games.has(g.gameId)) {
        this.games.set(g.gameId, { readyAt: Date.now() });
        this.note('ready', g.gameId, g.prematchId);
      }
      this.play(g.moonstone, g.gameId, g.ticket);
    });
    coraline.on('game.ended', (e) => {
      const game = this.games.get(e.gameId);
      if (game && game.endedAt === undefined) {
        game.endedAt = Date.now();
        this.gamesEnded++;
        this.note('ended', e.gameId);
        if (this.gamesEnded >= (this.options.games ?? Infinity)) this.doneResolve();
      }
      this.requeueSoon();
    });
    coraline.on('match.cancelled', (c) => {
      this.note('cancelled', c.prematchId, `${c.reason}${c.requeued ? ' requeued' : ''}`);
      if (!c.requeued) this.requeueSoon();
    });
    coraline.on('lobby.updated', (u) => {
      this.note('lobby', u.lobby?.id, u.lobby?.state ?? 'none');
      if (u.lobby?.state === 'idle') {
        this.note('idle', this.lobbyId, u.lobby.idleReason);
        this.requeueSoon();
      }
    });
    if (this.options.trace) {
      coraline.on('message', (m) => this.note('trace', undefined, `msg ${m.type}`));
      coraline.on('status', (st) => this.note('trace', undefined, `status ${st}`));
      coraline.on('disconnected', (d) => this.note('trace', undefined, `disconnected ${d.code} ${d.reason}`));
    }
    coraline.on('welcome', (w) => {
      this.note('welcome', undefined, w.coralId);
      this.requeueSoon(50);
    });
    await coraline.connect();
  }

  private requeueSoon(delayMs = this.options.requeueDelayMs?.() ?? 300): void {
    clearTimeout(this.requeueTimer);
    this.requeueTimer = setTimeout(() => void this.queue(), delayMs);
    this.requeueTimer.unref();
  }

  private async queue(): Promise<void> {
    if (this.stopped || this.draining || this.gamesEnded >= (this.options.games ?? Infinity)) return;
    try {
      await this.coraline?.startQueue();
      this.note('queued', this.lobbyId);
    } catch {
      // Already queued, in a ready check or a game (the lobby says so), or Coral unreachable
      // right now: the next lobby.updated / welcome tries again.
    }
  }

  private play(moonstone: string, gameId: string, ticket: string): void {
    let leave!: () => void;
    const interrupted = new Promise<void>((resolve) => (leave = resolve));
    this.leaveGame.push(leave);
    void runOnyx({ moonstone, gameId, ticket, print: () => undefined, printError: () => undefined, interrupted }).then((code) =>
      this.note('onyx', gameId, `exit ${code}`),
    );
  }

  /** Answer a ready check now (e.g. one shown before a failover). */
  accept(prematchId: string): Promise<void> {
    return this.coraline ? this.coraline.accept(prematchId) : Promise.reject(new Error('not started'));
  }

  /** The lobby's state as Realm reads it from Redis. */
  async lobbyState(): Promise<string | undefined> {
    return (await this.realm?.currentLobby())?.lobby?.state;
  }

  /** Drop the Coral socket and open a new one (a player's network blip); Coral resends the state. */
  async reconnect(): Promise<void> {
    if (this.stopped || !this.coraline) return;
    this.coraline.close();
    await this.coraline.connect().catch(() => undefined);
  }

  /** Stop queueing again (games in progress run to their end). */
  drain(): void {
    this.draining = true;
    clearTimeout(this.requeueTimer);
  }

  /** Cancel the queue entry while the lobby still waits (used when draining), retrying while Coral is being reconnected to. */
  async cancel(): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const state = await this.lobbyState().catch(() => 'unknown');
      if (state !== 'queued' && state !== 'unknown') return;
      await this.coraline?.cancelQueue().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.requeueTimer);
    for (const leave of this.leaveGame) leave();
    this.coraline?.close();
  }
}
