import { PROTOCOL_VERSION, type FleetAllocation, type FleetSingleReport, type MoonstoneGameOver, type MoonstoneServerMessage } from '@glaceon/protocol';
import { pickWinningTeam } from './winner.js';

/** One player's connection as the session sees it (the WebSocket layer implements it). */
export interface PlayerLink {
  send(message: MoonstoneServerMessage): void;
  close(code: number, reason: string): void;
}

export interface SessionHooks {
  /** Queue a report to Coral (the reporter sends a game's reports in order). */
  report(report: FleetSingleReport): void;
  /** The session is over; free its slot. */
  over(session: GameSession, result: MoonstoneGameOver): void;
}

export interface SessionOptions {
  serverId: string;
  gameLengthMs: number;
  noShowTimeoutMs: number;
}

type Phase = 'waiting' | 'running' | 'over';

/**
 * A minimal game: wait for the roster (no-shows after the join timeout), play
 * for gameLengthMs, end 'completed' with the winner rule of winner.ts, or
 * 'abandoned' as soon as nobody is connected and nobody is still expected.
 */
export class GameSession {
  readonly allocation: FleetAllocation;
  /** Local clock when this server learned of the game (for heartbeat reconciliation). */
  readonly receivedAt = Date.now();
  private phaseNow: Phase = 'waiting';
  private readonly links = new Map<string, PlayerLink>();
  private readonly everConnected = new Set<string>();
  private readonly noShows = new Set<string>();
  /** Players released for good (Coral's release push, issue #12 item 10): no ticket admits them again. */
  private readonly departed = new Set<string>();
  private endsAt: number | undefined;
  private noShowTimer: NodeJS.Timeout | undefined;
  private endTimer: NodeJS.Timeout | undefined;

  constructor(
    allocation: FleetAllocation,
    private readonly options: SessionOptions,
    private readonly hooks: SessionHooks,
  ) {
    this.allocation = allocation;
    // Coral's join window is a difference of two Coral-clock values, so clock skew does not matter.
    const window = Math.max(0, allocation.joinDeadline - allocation.allocatedAt);
    this.noShowTimer = setTimeout(() => this.joinWindowClosed(), Math.min(options.noShowTimeoutMs, window || options.noShowTimeoutMs));
  }

  get gameId(): string {
    return this.allocation.gameId;
  }
  get phase(): Phase {
    return this.phaseNow;
  }
  /** On the roster and not released: the ticket gate admits only these. */
  hasPlayer(playerId: string): boolean {
    return !this.departed.has(playerId) && this.onRoster(playerId);
  }
  private onRoster(playerId: string): boolean {
    return this.allocation.roster.some((p) => p.playerId === playerId);
  }
  isConnected(playerId: string): boolean {
    return this.links.has(playerId);
  }

  /** Admit a player whose ticket the gate accepted: welcome them and tell everyone. */
  connect(playerId: string, link: PlayerLink): void {
    const entry = this.allocation.roster.find((p) => p.playerId === playerId);
    if (!entry || this.phaseNow === 'over' || this.links.has(playerId)) throw new Error(`connect(${playerId}) in a wrong state`);
    const reconnected = this.everConnected.has(playerId);
    this.links.set(playerId, link);
    this.everConnected.add(playerId);
    this.noShows.delete(playerId);
    this.hooks.report({ type: 'player.connected', serverId: this.options.serverId, playerId });
    link.send({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      gameId: this.gameId,
      mode: this.allocation.mode,
      playerId,
      team: entry.team,
      reconnected,
      phase: this.phaseNow === 'running' ? 'running' : 'waiting',
      roster: this.allocation.roster.map((p) => ({ ...p, connected: this.links.has(p.playerId) })),
    });
    if (this.phaseNow === 'waiting' && this.allocation.roster.every((p) => this.links.has(p.playerId))) this.start();
    else this.broadcastState();
  }

  /** The player's connection ended (closed, or a `leave`). Only the current link counts. */
  disconnect(playerId: string, link: PlayerLink): void {
    if (this.links.get(playerId) !== link || this.phaseNow === 'over') return;
    this.links.delete(playerId);
    this.hooks.report({ type: 'player.left', serverId: this.options.serverId, playerId });
    if (this.nobodyLeft()) this.finish('abandoned');
    else this.broadcastState();
  }

  /**
   * Coral's release push (the players' lobby leaves the game early): remove them from the game for
   * good. Refused ('connected', nothing changes) if any of them is connected right now, and
   * 'unknown' if one is not on the roster; releasing a released player again is fine. A released
   * player's tickets are refused from now on (hasPlayer) and the result counts them as gone.
   */
  release(playerIds: readonly string[]): { ok: true } | { ok: false; why: 'connected' | 'unknown' | 'over'; playerId?: string } {
    if (this.phaseNow === 'over') return { ok: false, why: 'over' };
    for (const p of playerIds) {
      if (!this.onRoster(p)) return { ok: false, why: 'unknown', playerId: p };
      if (this.links.has(p)) return { ok: false, why: 'connected', playerId: p };
    }
    for (const p of playerIds) this.departed.add(p);
    return { ok: true };
  }

  /** End without a report: Coral already considers this game over (server lost or shutting down). */
  endLocally(): void {
    if (this.phaseNow === 'over') return;
    this.conclude({ type: 'game.over', gameId: this.gameId, reason: 'server_lost' });
  }

  private joinWindowClosed(): void {
    this.noShowTimer = undefined;
    if (this.phaseNow === 'over') return;
    for (const p of this.allocation.roster) {
      if (!this.everConnected.has(p.playerId)) {
        this.noShows.add(p.playerId);
        this.hooks.report({ type: 'player.noshow', serverId: this.options.serverId, playerId: p.playerId });
      }
    }
    if (this.links.size === 0) this.finish('abandoned');
    else if (this.phaseNow === 'waiting') this.start();
  }

  /** Nobody connected, and nobody still expected (everyone either left or was declared a no-show). */
  private nobodyLeft(): boolean {
    return this.links.size === 0 && this.allocation.roster.every((p) => this.everConnected.has(p.playerId) || this.noShows.has(p.playerId));
  }

  private start(): void {
    this.phaseNow = 'running';
    if (this.noShowTimer) clearTimeout(this.noShowTimer);
    this.noShowTimer = undefined;
    this.endsAt = Date.now() + this.options.gameLengthMs;
    this.endTimer = setTimeout(() => this.finish('completed'), this.options.gameLengthMs);
    this.broadcastState();
  }

  private finish(reason: 'completed' | 'abandoned'): void {
    if (this.phaseNow === 'over') return;
    let winningTeam: number | undefined;
    if (reason === 'completed') {
      const perTeam = Array.from({ length: this.allocation.teams }, () => 0);
      for (const p of this.allocation.roster) if (this.links.has(p.playerId)) perTeam[p.team] = (perTeam[p.team] ?? 0) + 1;
      winningTeam = pickWinningTeam(this.gameId, this.allocation.teams, perTeam);
    }
    this.hooks.report({ type: 'game.ended', serverId: this.options.serverId, reason, ...(winningTeam === undefined ? {} : { winningTeam }) });
    this.conclude({ type: 'game.over', gameId: this.gameId, reason, ...(winningTeam === undefined ? {} : { winningTeam }) });
  }

  private conclude(result: MoonstoneGameOver): void {
    this.phaseNow = 'over';
    if (this.noShowTimer) clearTimeout(this.noShowTimer);
    if (this.endTimer) clearTimeout(this.endTimer);
    const links = [...this.links.values()];
    this.links.clear();
    for (const link of links) {
      link.send(result);
      link.close(1000, 'game over');
    }
    this.hooks.over(this, result);
  }

  private broadcastState(): void {
    const message: MoonstoneServerMessage = {
      type: 'game.state',
      phase: this.phaseNow === 'running' ? 'running' : 'waiting',
      connected: [...this.links.keys()],
      ...(this.endsAt === undefined ? {} : { endsAt: this.endsAt }),
    };
    for (const link of this.links.values()) link.send(message);
  }
}
