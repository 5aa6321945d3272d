import { gameIdOf } from '@glaceon/store';
import type { CoralConfig } from '../config/config.js';
import type { GameAddress, Notify } from './notify.js';
import type { PlayerLocalState, PlayerRegistry } from './registry.js';

/** Game creation slower than this (usually: no free server) is announced with `game.pending`. */
const PENDING_NOTICE_MS = 5000;
/** game.ready tickets signed per turn of the event loop. */
const GAME_READY_SLICE = 64;

export interface GameReadyDeps {
  config: Pick<CoralConfig, 'serverWaitMs'>;
  registry: Pick<PlayerRegistry, 'get'>;
  notify: Pick<Notify, 'gameReady' | 'gameReadyRecorded' | 'gamePending'>;
}

/**
 * The end of a ready check for the players held here: game.ready tickets signed in batches after
 * a game_ready event, and `game.pending` for players whose game takes a while to be created.
 * Owns the games being created (per prematch) and the game.ready sends still to do.
 */
export class GameReadyRoom {
  /** Prematches whose game is being created: players are told `game.pending` if it takes a while. */
  private readonly creating = new Map<string, { since: number; told: boolean; players: Set<string> }>();
  /** game.ready still to sign and send (see `queue`). */
  private readonly readyQueue: { entry: PlayerLocalState; game: GameAddress }[] = [];
  private readyFlush: NodeJS.Immediate | undefined;

  constructor(private readonly deps: GameReadyDeps) {}

  stop(): void {
    if (this.readyFlush) clearImmediate(this.readyFlush);
    this.readyFlush = undefined;
    this.readyQueue.length = 0;
  }

  /** A game_creating event naming these local players. */
  creatingStarted(prematchId: string, localPlayers: readonly string[]): void {
    this.creating.set(prematchId, { since: Date.now(), told: false, players: new Set(localPlayers) });
  }

  /** A player resumed (or reconciled) into a game still being created. */
  waiting(prematchId: string, playerId: string, now: number): void {
    const c = this.creating.get(prematchId);
    if (c) c.players.add(playerId);
    else this.creating.set(prematchId, { since: now, told: false, players: new Set([playerId]) });
  }

  /** The game is ready, or will not be (ready check failed, game over): no game.pending for it. */
  settled(prematchId: string): void {
    this.creating.delete(prematchId);
  }

  /**
   * game.ready from an event: the state is recorded now, the ticket is signed and sent just
   * after this turn of the event loop, a slice at a time. Signing is most of the work of a
   * burst of game_ready events, and done inline it held back every event behind it, a new
   * match's match.found among them. A player who moved on (or left) meanwhile is skipped.
   */
  queue(entry: PlayerLocalState, game: GameAddress): void {
    this.deps.notify.gameReadyRecorded(entry, game);
    this.readyQueue.push({ entry, game });
    this.readyFlush ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    this.readyFlush = undefined;
    const now = Date.now();
    for (const { entry, game } of this.readyQueue.splice(0, GAME_READY_SLICE)) {
      if (this.deps.registry.get(entry.playerId) !== entry) continue;
      if (entry.known.state !== 'ingame' || entry.known.gameId !== game.gameId) continue;
      this.deps.notify.gameReady(entry, game, now);
    }
    if (this.readyQueue.length > 0) this.readyFlush = setImmediate(() => this.flush());
  }

  /** Game creation taking a while (no free server): tell the players who wait, once. */
  tellPending(): void {
    const { config, registry, notify } = this.deps;
    const now = Date.now();
    for (const [pm, c] of this.creating) {
      if (now - c.since > config.serverWaitMs * 2) {
        this.creating.delete(pm);
        continue;
      }
      if (c.told || now - c.since < Math.min(PENDING_NOTICE_MS, config.serverWaitMs / 3)) continue;
      c.told = true;
      const gameId = gameIdOf(pm);
      for (const p of c.players) {
        const known = registry.get(p)?.known;
        if (known?.state === 'ingame' && !known.ready && known.gameId === gameId) notify.gamePending(p, pm, c.since + config.serverWaitMs);
      }
    }
  }
}
