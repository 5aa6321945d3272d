import type {
  CoralLobbyView,
  DirectInvite,
  FriendsView,
  GameEnded,
  GamePending,
  GameReady,
  InviteTokenInfo,
  JoinRequest,
  Lobby,
  MatchFound,
  Player,
  QueueModeId,
  QueueStatus,
} from '@glaceon/protocol';
import type { StateCreator } from 'zustand';
import type { GlaceonBridge, OnyxError, OnyxState, SessionProtection, Settings, SettingsPatch } from '../../common/index.js';
import type { Backend, InvitePreview, LinkStatus } from '../net/backend.js';
import type { ProgressionSlice } from './progression-slice.js';
import type { CatalogSlice } from './catalog-slice.js';
import type { ChatSlice } from './chat-slice.js';
import type { LatencySlice } from './latency-slice.js';

export interface StoreDeps {
  backend: Backend;
  bridge: GlaceonBridge;
  now: () => number;
  /**
   * Where the last known lobby and friends are kept across a reload (the page's
   * sessionStorage), so a reload during an outage shows them, marked stale. Optional.
   */
  memory?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Wait before retry `attempt` (0-based) of a queue entry Coral refused as busy; default exponential backoff with jitter. */
  busyRetryDelay?: (attempt: number) => number;
  /** How often region latencies are measured again (default LATENCY_EVERY_MS, five minutes). */
  latencyEveryMs?: number;
}

export interface SessionSlice {
  session: {
    status: 'restoring' | 'signed-out' | 'signed-in';
    me: Player | null;
    token: string | null;
    busy: boolean;
    error: string | null;
    protection: SessionProtection | null;
    /** Signed up in this window: greeted as new, not "welcome back". */
    fresh: boolean;
  };
  restoreSession(): Promise<void>;
  signIn(name: string, password: string): Promise<boolean>;
  register(name: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  /** Back to a clean signed-out state (every slice), keeping settings. */
  resetAfterSignOut(error?: string): void;
}

export interface FriendsSlice {
  friends: {
    view: FriendsView | null;
    /** Lobby invitations from friends, newest first. */
    invites: DirectInvite[];
    adding: boolean;
    addError: string | null;
    addNotice: string | null;
    /** Player or invite ids with a request in flight (buttons show progress, no double clicks). */
    busy: string[];
    error: string | null;
    /** Friends whose lobby this player asked to join (pending until the host answers or it expires). */
    asked: string[];
    /** The latest news about asking to join (sent, accepted, declined). */
    askNotice: string | null;
  };
  /** Ask to join a friend's lobby (the request goes to its host). */
  askToJoin(friendId: string): Promise<void>;
  clearAskNotice(): void;
  addFriend(name: string): Promise<void>;
  clearFriendNotice(): void;
  answerFriend(playerId: string, action: 'accept' | 'decline' | 'cancel' | 'remove'): Promise<void>;
  answerInvite(inviteId: string, accept: boolean): Promise<void>;
}

export interface PendingJoin {
  token: string;
  preview: InvitePreview | null;
  loadingPreview: boolean;
  joining: boolean;
  error: string | null;
}

export interface LobbySlice {
  lobby: {
    current: Lobby | null;
    coralUrl: string | null;
    invite: InviteTokenInfo | null;
    busy: boolean;
    error: string | null;
    /** A deep link or pasted token waiting for "Join <host>'s lobby?". */
    pendingJoin: PendingJoin | null;
    /** Last invited friend ids, to show "Invited". */
    invited: string[];
    /** An invite token from a deep link that arrived while signed out; asked about after sign-in. */
    heldInvite: string | null;
    /** Members whose launcher is connected (Realm's event sockets); null until Realm has said. */
    online: string[] | null;
    /** Pending requests to join (shown to the host). */
    joinRequests: JoinRequest[];
    /** Member or requester ids with a host action in flight. */
    memberBusy: string[];
    /** Names of players seen in this lobby, so a notice can name someone who has since left. */
    names: Record<string, string>;
    /** A host action's news ("frost was removed…"). */
    notice: string | null;
  };
  /** Host only: remove a member (the lobby's invite link is replaced by the new one the kick returns). */
  kickMember(playerId: string): Promise<void>;
  /** Host only: hand the lobby to another member. */
  transferHost(playerId: string): Promise<void>;
  /** Host only: accept (they join) or decline a join request. */
  answerJoinRequest(playerId: string, accept: boolean): Promise<void>;
  /** Who is connected, as Realm pushes it (lobby.updated.online, snapshot.lobbyOnline). */
  setLobbyOnline(online: string[] | undefined): void;
  /** A glaceon:// link from the OS: confirm now if signed in, else after sign-in. Junk is ignored. */
  receiveDeepLink(url: string): void;
  createLobby(mode: QueueModeId): Promise<void>;
  leaveLobby(): Promise<void>;
  setMode(mode: QueueModeId): Promise<void>;
  inviteFriend(playerId: string): Promise<void>;
  rotateInvite(): Promise<void>;
  /** From a deep link or the join box: asks for confirmation first. */
  proposeJoin(token: string): Promise<void>;
  confirmJoin(): Promise<void>;
  dismissJoin(): void;
  applyLobby(lobby: Lobby | null, coralUrl?: string | null): void;
  applyCoralLobby(view: CoralLobbyView | null): void;
}

export interface QueueSlice {
  queue: {
    status: QueueStatus | null;
    /** Local receipt time of `status`, to tick the elapsed clock between server updates. */
    receivedAt: number;
    busy: boolean;
    error: string | null;
    notice: string | null;
  };
  startQueue(): Promise<void>;
  cancelQueue(): Promise<void>;
  /** Reconciles queue and match state with the lobby's authoritative state (after any lobby update). */
  settleLobbyState(lobby: Lobby): void;
}

export interface GameSlice {
  game: {
    match: (MatchFound & { responding: boolean; declined: boolean }) | null;
    /** The ready check this player declined: outlives `match`, because Coral's idle-lobby update and match.cancelled arrive in either order. */
    declinedPrematchId: string | null;
    pending: GamePending | null;
    ready: GameReady | null;
    onyx: OnyxState;
    /** Between asking main to launch Onyx and hearing that it runs (or failed). */
    launching: boolean;
    launchError: OnyxError | null;
    lastResult: (GameEnded & { endedAt: number }) | null;
    error: string | null;
    /** A game.leave in flight. */
    leaving: boolean;
    /** Why the last game.leave was refused (shown on the game screen), or null. */
    leaveError: string | null;
  };
  acceptMatch(): Promise<void>;
  declineMatch(): Promise<void>;
  launchGame(): Promise<void>;
  /** Leave the running game for good (after Onyx exited); the lobby goes idle once Coral confirms. */
  leaveGame(): Promise<void>;
  setOnyxState(state: OnyxState): void;
  dismissResult(): void;
}

export interface SettingsSlice {
  settings: { values: Settings | null; saving: boolean; error: string | null; savedAt: number | null; shell: GlaceonBridge['shell'] };
  loadSettings(): Promise<void>;
  saveSettings(patch: SettingsPatch): Promise<boolean>;
  /** Electron: the main process's file dialog picks the game; elsewhere a typed refusal. */
  chooseOnyxPath(): Promise<boolean>;
}

export interface ConnectionSlice {
  connection: {
    realm: LinkStatus;
    coral: LinkStatus;
    /** server clock minus local clock */
    clockOffsetMs: number;
    /** Since when Realm has been unreachable (first failed attempt); null while it answers. Drives the outage banner. */
    realmDownSince: number | null;
    /** When the next reconnect attempt starts (local clock), if known. */
    retryAt: number | null;
    /** What is shown came from before a reload and has not been confirmed by the server yet. */
    stale: boolean;
  };
  /** Opens Realm's event socket (and Coral while in a lobby); idempotent. */
  connect(): void;
  /** "Retry now": drops the waiting socket and tries at once. */
  retryNow(): void;
  disconnect(): void;
  /** Connects Coral while in a lobby, disconnects it otherwise (called after lobby changes). */
  syncCoral(): void;
}

export interface UiSlice {
  ui: { view: 'play' | 'settings' | 'messages' | ProgressionView };
  setView(view: UiSlice['ui']['view']): void;
}

/** The progression screens (profile, history, leaderboard): see progression-slice.ts. */
export type ProgressionView = 'profile' | 'history' | 'leaderboard';

export type AppState = CatalogSlice &
  SessionSlice &
  FriendsSlice &
  LobbySlice &
  QueueSlice &
  GameSlice &
  SettingsSlice &
  ConnectionSlice &
  UiSlice &
  ProgressionSlice &
  ChatSlice &
  LatencySlice;

/** Every slice is written against the whole state, with the deps in a closure. */
export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<AppState, [], [], T>;
