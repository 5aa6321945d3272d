import type { FleetGameEndReason, FleetPlayerEventKind, FleetRosterEntry } from '@glaceon/protocol';
import type { RatingChange } from '@glaceon/store';

export interface FleetGameEndedEvent {
  gameId: string;
  reason: FleetGameEndReason;
  /** The winning team of a completed game (absent on a draw, an abandoned or a lost game). */
  winningTeam?: number;
  serverId: string;
  mode: string;
  roster: FleetRosterEntry[];
  /** Rating changes applied for this game (completed games only). */
  ratings?: Record<string, RatingChange>;
}

export interface FleetPlayerEvent {
  gameId: string;
  playerId: string;
  kind: FleetPlayerEventKind;
}

/**
 * What Coral does when the fleet reports something. onGameEnded runs at least
 * once per ended game (again after a crash, from the outbox): make it idempotent.
 */
export interface FleetHooks {
  onGameEnded(event: FleetGameEndedEvent): Promise<void>;
  onPlayerEvent?(event: FleetPlayerEvent): Promise<void>;
}

/** The subset of a pino logger the fleet code uses. */
export interface FleetLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
