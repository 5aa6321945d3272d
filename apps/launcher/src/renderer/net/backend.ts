import type {
  CoralEvent,
  DirectInvite,
  ErrorCode,
  FriendRequestResult,
  GameRecord,
  HistoryPage,
  InviteTokenInfo,
  JoinRequest,
  KickResponse,
  Leaderboard,
  Profile,
  Lobby,
  LobbyJoinedResponse,
  QueueModeId,
  QueueList,
  RealmServerMessage,
  RegionLatency,
  SessionResponse,
  Conversation,
  ConversationResponse,
  DirectMessage,
  LobbyChatLine,
} from '@glaceon/protocol';

/** Status of one live link (Realm's event socket, or Coral). */
export type LinkStatus = 'offline' | 'connecting' | 'online' | 'reconnecting';

/** What Realm can tell us about an invite before joining, for "Join <host>'s lobby?". */
export interface InvitePreview {
  hostName: string;
  mode: QueueModeId;
  members: number;
}

/** The launcher's own codes beside the protocol's table: NETWORK = no answer at all (no HTTP status, no socket). */
export type LauncherErrorCode = 'NETWORK';
export type NetErrorCode = ErrorCode | LauncherErrorCode;

/** A typed failure from Realm or Coral (code from the protocol's table, or NETWORK when unreachable). */
export class NetError extends Error {
  readonly code: NetErrorCode;
  constructor(code: NetErrorCode, message: string) {
    super(message);
    this.name = 'NetError';
    this.code = code;
  }
}

/** Longest wait between Realm reconnects while it is away: the outage banner counts down to the next try. */
export const REALM_RETRY_MAX_MS = 5_000;

export interface RealmListener {
  message(message: RealmServerMessage): void;
  /** `retryInMs`: with 'reconnecting' after a failed attempt, when the next one starts. */
  status(status: LinkStatus, retryInMs?: number): void;
}
export interface CoralListener {
  message(message: CoralEvent): void;
  status(status: LinkStatus): void;
  /** The handshake succeeded (first connect and every reconnect): the place to re-send what Coral should know of us. */
  welcome?(): void;
}

/**
 * Everything the store needs from the network, in one interface. The real
 * implementation wraps @glaceon/client (fetch + WebSocket); previews and tests
 * pass an in-memory one. Calls reject with NetError.
 */
export interface Backend {
  register(name: string, password: string): Promise<SessionResponse>;
  signIn(name: string, password: string): Promise<SessionResponse>;
  /** Session-bound calls below use this token (Authorization header, never the URL). */
  setToken(token: string | null): void;
  /** Realm base URL from Settings (http(s)://host:port). */
  setBaseUrl(url: string): void;
  signOut(): Promise<void>;

  requestFriend(name: string): Promise<FriendRequestResult>;
  acceptFriend(playerId: string): Promise<void>;
  declineFriend(playerId: string): Promise<void>;
  cancelFriend(playerId: string): Promise<void>;
  removeFriend(playerId: string): Promise<void>;
  /** Block (ends the friendship; their requests, invites and messages stop) and unblock. */
  block(playerId: string): Promise<void>;
  unblock(playerId: string): Promise<void>;

  /** The lobby's chat (history, oldest first) and saying something in it. */
  lobbyChat(lobbyId: string): Promise<LobbyChatLine[]>;
  sendLobbyChat(lobbyId: string, text: string): Promise<LobbyChatLine>;
  /** Direct messages: my conversations, one conversation, send, mark read. */
  conversations(): Promise<Conversation[]>;
  conversation(playerId: string): Promise<ConversationResponse>;
  sendMessage(playerId: string, text: string): Promise<DirectMessage>;
  markRead(playerId: string): Promise<void>;

  createLobby(mode: QueueModeId): Promise<LobbyJoinedResponse>;
  leaveLobby(lobbyId: string): Promise<void>;
  setMode(lobbyId: string, mode: QueueModeId): Promise<Lobby>;
  rotateInvite(lobbyId: string): Promise<InviteTokenInfo>;
  inviteFriend(lobbyId: string, playerId: string): Promise<DirectInvite>;
  /** Host only: remove a member; answers with the lobby and its new invite (a kick rotates it). */
  kickMember(lobbyId: string, playerId: string): Promise<KickResponse>;
  /** Host only: make another member the host. */
  transferHost(lobbyId: string, playerId: string): Promise<Lobby>;
  /** Ask to join a friend's lobby (the request goes to its host). */
  askToJoin(friendId: string): Promise<JoinRequest>;
  /** Host only: answer a join request (accept: the requester joins). */
  answerJoinRequest(lobbyId: string, playerId: string, accept: boolean): Promise<void>;
  acceptInvite(inviteId: string): Promise<LobbyJoinedResponse>;
  declineInvite(inviteId: string): Promise<void>;
  joinByToken(token: string): Promise<LobbyJoinedResponse>;
  /** Null when the server cannot say (the dialog then asks without the host's name). */
  previewInvite(token: string): Promise<InvitePreview | null>;

  /** Progression (Realm): a profile, a history page (yours or a friend's), one game, a queue's leaderboard. */
  profile(playerId: string): Promise<Profile>;
  history(playerId: string, page: { offset: number; limit: number }): Promise<HistoryPage>;
  game(gameId: string): Promise<GameRecord>;
  leaderboard(queue: string): Promise<Leaderboard>;
  /** The queues Realm offers (GET /v1/queues). */
  queues(): Promise<QueueList>;

  /** Realm's event socket: snapshot on every (re)connect, then pushes. */
  connectRealm(listener: RealmListener): () => void;
  /** Coral for the current lobby: state on every (re)connect, then events. */
  connectCoral(coralUrl: string, listener: CoralListener): () => void;
  startQueue(): Promise<void>;
  cancelQueue(): Promise<void>;
  /**
   * Any 401 for the current session (an HTTP call, Realm's event socket, Coral's socket):
   * the session is gone server-side (expired, revoked, the backend lost it). The store
   * signs out with the one-line reason.
   */
  onSessionEnded(listener: (reason: string) => void): () => void;
  acceptMatch(prematchId: string): Promise<void>;
  declineMatch(prematchId: string): Promise<void>;
  /** Leave a running game for good (Coral's game.leave): WRONG_STATE while someone of the lobby is still in it. */
  leaveGame(gameId: string): Promise<void>;
  /** My round trip (ms, the median of a few pings over one socket) to a region's ping endpoint; NETWORK when it does not answer in time. */
  measureRegion(pingUrl: string): Promise<number>;
  /** Tell Coral my measured round trips (region.latencies). */
  reportLatencies(latencies: RegionLatency[]): Promise<void>;
}
