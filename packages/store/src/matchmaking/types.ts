/**
 * Types of the matchmaking store API (Coral's engine and socket server share
 * them). The queue entry in the `{q:<mode>}` slot is the authority for where a
 * lobby is in matchmaking; the lobby hash mirrors it (docs/redis/matchmaking.md).
 */
import type { IdleReason, QueueModeId } from '@glaceon/protocol';

/** Lobby `state` field (the membership lock). */
export type LobbyMatchState = 'idle' | 'queued' | 'prematch' | 'ingame';

/** Why a lobby last went idle (lobby field `idleReason`): the protocol's table, re-exported for the store's callers. */
export type { IdleReason };

/** Reasons a lobby may leave the queue by `cancelQueue`. */
export type CancelReason = 'cancelled' | 'member_left' | 'host_away';

/** State of a queue entry `{q:<mode>}:t:<ticket>` (`starting` = intent written, lobby not yet confirmed; `dead` = tombstone). */
export type TicketState = 'starting' | 'queued' | 'prematch' | 'ingame' | 'dead';

/** State of a prematch `{q:<mode>}:pm:<id>`. */
export type PrematchState = 'readycheck' | 'creating' | 'ready';

/** One waiting queue entry as the matchmaker sees it. */
export interface WaitingTicket {
  ticket: string;
  lobbyId: string;
  /** Party size (members of the lobby). */
  size: number;
  /** Mean rating (skill mean) of the party's members. */
  rating: number;
  /** The party's rating uncertainty (root mean square of the members' sigmas); widens the matcher's window. */
  uncertainty?: number;
  /** ms since epoch; kept across requeues after a decline/timeout. */
  queuedAt: number;
  players: string[];
  /**
   * The party's worst member latency (ms) per region of its queue, from the members' reports
   * at entry; absent when no member reported (nothing constrains it). A region missing from a
   * present object is out of reach (a reporting member did not report it).
   */
  latencies?: Record<string, number>;
  /** When the entry last moved between region slots (ms; absent: never moved). */
  lastMoveAt?: number;
}

/** A match the matchmaker proposes; the leader claims it atomically. */
export interface MatchProposal {
  /** Every ticket of the match (teams flattened). */
  tickets: string[];
  /** Tickets per team, `teams.length === mode.teams`. */
  teams: string[][];
}

/** Where a player is right now, read from keys (resume, reconcile after missed pub/sub). */
export type PlayerMatchView =
  | { state: 'none' } // not in a lobby
  | {
      state: 'idle';
      lobbyId: string;
      idleReason: IdleReason | null;
      /** Parsed `lastResult` JSON of the last game, if any. */
      lastResult: unknown;
    }
  | { state: 'queued'; lobbyId: string; mode: QueueModeId; ticket: string; queuedAt: number; partySize: number }
  | {
      state: 'prematch';
      lobbyId: string;
      mode: QueueModeId;
      ticket: string;
      prematchId: string;
      /** ms since epoch: accept before this. */
      deadline: number;
      /** Every player of the prematch. */
      players: string[];
      accepted: string[];
      /** Whether this player accepted already. */
      youAccepted: boolean;
      teams: string[][];
    }
  | {
      state: 'ingame';
      lobbyId: string;
      mode: QueueModeId;
      ticket: string;
      prematchId: string;
      gameId: string;
      /** `creating` until a Moonstone server is allocated, then `ready`. */
      game: 'creating' | 'ready';
      serverId: string | null;
      address: string | null;
      players: string[];
      /** Player ids per team. */
      teams: string[][];
    };

/** A prematch as stored. */
export interface Prematch {
  id: string;
  mode: QueueModeId;
  state: PrematchState;
  epoch: number;
  createdAt: number;
  deadline: number;
  tickets: string[];
  /** Tickets per team. */
  teams: string[][];
  /** Player ids per team. */
  playerTeams: string[][];
  players: string[];
  /** Lobby id per ticket. */
  lobbies: Record<string, string>;
  accepted: string[];
  gameId: string;
  serverId: string | null;
  address: string | null;
}

/** The game record `game:{<gameId>}`. */
export interface GameRecord {
  id: string;
  mode: QueueModeId;
  prematchId: string;
  serverId: string;
  address: string;
  players: string[];
  /** Player ids per team. */
  teams: string[][];
  lobbies: string[];
  createdAt: number;
  endedAt: number | null;
  result: unknown;
}

/**
 * Compact event published (SPUBLISH, at-most-once) on `channels.queueEvents(mode)` after a transition,
 * tagged by `type`; its schema is the protocol's (packages/protocol/src/queue/events.ts).
 * `players` lists every affected player so a Coral can forward it to the sockets it holds.
 * Events are hints: the state is in keys (`getPlayerMatchView`).
 */
export type { QueueEvent, QueueEventType } from '@glaceon/protocol';

/**
 * What the store needs to know of the queue configuration (a `QueueCatalog`
 * from @glaceon/protocol satisfies it): party rules per queue id; undefined
 * for a queue the configuration does not (or no longer) define.
 */
export interface QueueRules {
  get(id: string):
    | {
        partySizes: readonly number[];
        maxPartySize: number;
        /** Regions the queue runs in ([] or absent: none, one slot = the queue id). */
        regions?: readonly string[];
        latency?: { maxMs: number; widenPerSecond: number; capMs: number };
      }
    | undefined;
  /** queue id -> largest party. */
  partyLimits(): Record<string, number>;
}

export interface StartQueueInput {
  lobbyId: string;
  requesterId: string;
  queues: QueueRules;
  now?: number;
}
export interface StartQueueResult {
  /** The lobby that entered the queue (the requester's, read from their pointer). */
  lobbyId: string;
  ticket: string;
  /** The slot the entry waits in: the queue id, or `<queue>@<region>` when the queue runs in regions. */
  mode: QueueModeId;
  queuedAt: number;
  players: string[];
}

export interface CancelQueueInput {
  lobbyId: string;
  /** Any member; for `cancelled` and `member_left` the lobby's `idleBy` names them. */
  requesterId: string;
  reason: CancelReason;
  now?: number;
}

export interface ReadyCheckInput {
  mode: QueueModeId;
  prematchId: string;
  playerId: string;
  now?: number;
}
export interface AcceptResult {
  accepted: string[];
  players: string[];
  /** True once every player accepted: the prematch moved to game creation. */
  allAccepted: boolean;
  gameId: string;
}

export interface LeaseResult {
  leader: boolean;
  epoch: number;
  /** With a candidate: whether anyone holds the lease now. */
  held?: boolean;
  /** With a candidate: the slot's live candidate ids (the asker included). */
  candidates?: string[];
}

export interface ClaimInput {
  mode: QueueModeId;
  epoch: number;
  proposal: MatchProposal;
  now?: number;
  /** Default: QUEUE_DEFAULTS.readyCheckMs; Coral passes the queue's readyCheckMs. */
  acceptTimeoutMs?: number;
}
export type ClaimOutcome =
  { ok: true; prematchId: string; deadline: number; players: string[] } | { ok: false; code: 'STALE_EPOCH' | 'TICKET_TAKEN'; ticket?: string };

export interface SweepOptions {
  /** Players all unseen this long leave the queue (keep-alive grace). Default 30 s. */
  graceMs?: number;
  /** Cross-slot steps unfinished this long are repaired. Default 5 s. */
  repairAfterMs?: number;
  /** Game creations whose owner lease ran out; the caller retries them. */
  maxItems?: number;
}
export interface SweepResult {
  timedOut: string[];
  /** Players of those ready checks who had not accepted (their parties' chats say so). */
  notAccepted: string[];
  expiredTickets: string[];
  repairedTickets: string[];
  /** Moves between slots left half done that this sweep resolved (queues-001 section 4), with how. */
  repairedMoves: { from: string; ticket: string; to: string; toTicket: string; lobbyId: string; outcome: string }[];
  /** Prematches whose game creation is due (never started or owner's lease expired): run game creation for them. */
  creationsDue: string[];
}

export interface GameCreationClaim {
  /** True when the caller now owns creation (for leaseMs); false if another owns it or it is done. */
  owner: boolean;
  gameId: string;
  state: PrematchState;
  /** Set once ready. */
  serverId: string | null;
  address: string | null;
  players: string[];
  playerTeams: string[][];
}

export interface MarkGameReadyInput {
  mode: QueueModeId;
  prematchId: string;
  serverId: string;
  /** host:port of the Moonstone server. */
  address: string;
  now?: number;
}

export interface EndGameInput {
  gameId: string;
  result: unknown;
  reason?: 'game_over' | 'server_lost';
  now?: number;
}

export interface QueueStats {
  mode: QueueModeId;
  /** Players waiting (sum of party sizes of queued tickets). */
  searching: number;
  /** Median of recent waits (queuedAt to claim), ms; null with no history. */
  estimatedWaitMs: number | null;
}
