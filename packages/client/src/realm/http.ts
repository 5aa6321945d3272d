/**
 * RealmClient: one typed method per Realm route, over fetch (browsers,
 * Electron's renderer, Node 20). The session token goes in the Authorization
 * header only. Every success body is validated against its schema; every
 * failure is a RealmRequestError with the server's ErrorCode.
 */
import type { TSchema, Static } from '@sinclair/typebox';
import {
  createDecoder,
  CurrentLobbyResponseSchema,
  DirectInviteResponseSchema,
  FriendRequestResultSchema,
  FriendsViewSchema,
  InviteTokenInfoSchema,
  InvitesListResponseSchema,
  InvitePreviewSchema,
  LobbyJoinedResponseSchema,
  KickResponseSchema,
  JoinRequestResponseSchema,
  JoinRequestsListResponseSchema,
  LobbyResponseSchema,
  MeResponseSchema,
  SessionResponseSchema,
  SignOutAllResponseSchema,
  HealthResponseSchema,
  GameRecordSchema,
  HistoryPageSchema,
  LeaderboardSchema,
  ProfileSchema,
  type GameRecord,
  type HistoryPage,
  type Leaderboard,
  type Profile,
  type CurrentLobbyResponse,
  type DirectInvite,
  type FriendRequestResult,
  type FriendsView,
  type InviteTokenInfo,
  type InvitePreview,
  type KickResponse,
  type JoinRequest,
  type Lobby,
  type LobbyJoinedResponse,
  type MeResponse,
  type QueueModeId,
  type QueueList,
  QueueListSchema,
  type SessionResponse,
  type HealthResponse,
  BlocksResponseSchema,
  ConversationResponseSchema,
  ConversationsResponseSchema,
  DirectMessageSentResponseSchema,
  LobbyChatResponseSchema,
  LobbyChatSentResponseSchema,
  type Conversation,
  type ConversationResponse,
  type DirectMessage,
  type FriendRequestInfo,
  type LobbyChatLine,
} from '@glaceon/protocol';
import { RealmRequestError, toRealmError } from './errors.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RealmClientOptions {
  /** e.g. http://127.0.0.1:7300 */
  baseUrl: string;
  token?: string;
  fetch?: FetchLike;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const decoders = new Map<TSchema, ReturnType<typeof createDecoder>>();
function decoderFor<S extends TSchema>(schema: S) {
  let d = decoders.get(schema);
  if (!d) {
    d = createDecoder(schema);
    decoders.set(schema, d);
  }
  return d as ReturnType<typeof createDecoder<S>>;
}

const seg = (s: string) => encodeURIComponent(s);

export class RealmClient {
  readonly baseUrl: string;
  private tokenValue: string | undefined;
  private readonly fetchFn: FetchLike;
  private readonly timeoutMs: number;

  constructor(options: RealmClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.tokenValue = options.token;
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  get token(): string | undefined {
    return this.tokenValue;
  }
  setToken(token: string | undefined): void {
    this.tokenValue = token;
  }

  /** The event-socket URL for this Realm (ws/wss of the base URL). */
  eventsUrl(): string {
    return `${this.baseUrl.replace(/^http/, 'ws')}/v1/events`;
  }

  private async request<S extends TSchema | null>(method: Method, path: string, schema: S, body?: unknown): Promise<S extends TSchema ? Static<S> : void> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.tokenValue) headers.authorization = `Bearer ${this.tokenValue}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (error) {
      throw new RealmRequestError('UNAVAILABLE', `Realm is unreachable: ${error instanceof Error ? error.message : String(error)}`, 0);
    } finally {
      clearTimeout(timer);
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = undefined;
      }
    }
    if (!response.ok) throw toRealmError(response.status, parsed);
    if (schema === null) return undefined as S extends TSchema ? Static<S> : void;
    const decoded = decoderFor(schema).decode(parsed);
    if (!decoded.ok) throw new RealmRequestError('INVALID_MESSAGE', `Realm answered with an unexpected body: ${decoded.error.message}`, response.status);
    return decoded.value as S extends TSchema ? Static<S> : void;
  }

  // Accounts and sessions ---------------------------------------------------
  /** Register and sign in; keeps the token. */
  async register(name: string, password: string): Promise<SessionResponse> {
    const s = await this.request('POST', '/v1/accounts', SessionResponseSchema, { name, password });
    this.tokenValue = s.token;
    return s;
  }
  /** Sign in; keeps the token. */
  async signIn(name: string, password: string): Promise<SessionResponse> {
    const s = await this.request('POST', '/v1/sessions', SessionResponseSchema, { name, password });
    this.tokenValue = s.token;
    return s;
  }
  async signOut(): Promise<void> {
    await this.request('DELETE', '/v1/sessions/current', null);
    this.tokenValue = undefined;
  }
  async signOutEverywhere(): Promise<number> {
    const r = await this.request('DELETE', '/v1/sessions', SignOutAllResponseSchema);
    this.tokenValue = undefined;
    return r.sessions;
  }
  me(): Promise<MeResponse> {
    return this.request('GET', '/v1/me', MeResponseSchema);
  }

  // Friends -----------------------------------------------------------------
  friends(): Promise<FriendsView> {
    return this.request('GET', '/v1/friends', FriendsViewSchema);
  }
  sendFriendRequest(name: string): Promise<FriendRequestResult> {
    return this.request('POST', '/v1/friends/requests', FriendRequestResultSchema, { name });
  }
  acceptFriendRequest(playerId: string): Promise<FriendsView> {
    return this.request('POST', `/v1/friends/requests/${seg(playerId)}/accept`, FriendsViewSchema);
  }
  declineFriendRequest(playerId: string): Promise<void> {
    return this.request('POST', `/v1/friends/requests/${seg(playerId)}/decline`, null);
  }
  cancelFriendRequest(playerId: string): Promise<void> {
    return this.request('DELETE', `/v1/friends/requests/${seg(playerId)}`, null);
  }
  removeFriend(playerId: string): Promise<void> {
    return this.request('DELETE', `/v1/friends/${seg(playerId)}`, null);
  }
  block(playerId: string): Promise<void> {
    return this.request('PUT', `/v1/blocks/${seg(playerId)}`, null);
  }
  unblock(playerId: string): Promise<void> {
    return this.request('DELETE', `/v1/blocks/${seg(playerId)}`, null);
  }
  async blocks(): Promise<FriendRequestInfo[]> {
    return (await this.request('GET', '/v1/blocks', BlocksResponseSchema)).blocked;
  }

  // Chat: the lobby's chat and direct messages ---------------------------------
  async lobbyChat(lobbyId: string): Promise<LobbyChatLine[]> {
    return (await this.request('GET', `/v1/lobbies/${seg(lobbyId)}/chat`, LobbyChatResponseSchema)).lines;
  }
  async sendLobbyChat(lobbyId: string, text: string): Promise<LobbyChatLine> {
    return (await this.request('POST', `/v1/lobbies/${seg(lobbyId)}/chat`, LobbyChatSentResponseSchema, { text })).line;
  }
  async conversations(): Promise<Conversation[]> {
    return (await this.request('GET', '/v1/messages', ConversationsResponseSchema)).conversations;
  }
  conversation(playerId: string): Promise<ConversationResponse> {
    return this.request('GET', `/v1/messages/${seg(playerId)}`, ConversationResponseSchema);
  }
  async sendMessage(playerId: string, text: string): Promise<DirectMessage> {
    return (await this.request('POST', `/v1/messages/${seg(playerId)}`, DirectMessageSentResponseSchema, { text })).message;
  }
  markRead(playerId: string): Promise<void> {
    return this.request('POST', `/v1/messages/${seg(playerId)}/read`, null);
  }

  // Progression: profiles, history, leaderboards -----------------------------
  profile(playerId: string): Promise<Profile> {
    return this.request('GET', `/v1/profiles/${seg(playerId)}`, ProfileSchema);
  }
  /** A player's games, newest first (yours or a friend's). */
  history(playerId: string, page: { offset?: number; limit?: number } = {}): Promise<HistoryPage> {
    const q = new URLSearchParams();
    if (page.offset !== undefined) q.set('offset', String(page.offset));
    if (page.limit !== undefined) q.set('limit', String(page.limit));
    const qs = q.toString();
    return this.request('GET', `/v1/history/${seg(playerId)}${qs ? `?${qs}` : ''}`, HistoryPageSchema);
  }
  game(gameId: string): Promise<GameRecord> {
    return this.request('GET', `/v1/history/games/${seg(gameId)}`, GameRecordSchema);
  }
  leaderboard(queue: string): Promise<Leaderboard> {
    return this.request('GET', `/v1/leaderboards/${seg(queue)}`, LeaderboardSchema);
  }

  // Queues ------------------------------------------------------------------
  /** The queues Realm offers (GET /v1/queues); the launcher renders this list, nothing is compiled in. */
  queues(): Promise<QueueList> {
    return this.request('GET', '/v1/queues', QueueListSchema);
  }

  // Lobbies and invites -----------------------------------------------------
  createLobby(mode: QueueModeId): Promise<LobbyJoinedResponse> {
    return this.request('POST', '/v1/lobbies', LobbyJoinedResponseSchema, { mode });
  }
  currentLobby(): Promise<CurrentLobbyResponse> {
    return this.request('GET', '/v1/lobbies/current', CurrentLobbyResponseSchema);
  }
  async lobby(lobbyId: string): Promise<Lobby> {
    return (await this.request('GET', `/v1/lobbies/${seg(lobbyId)}`, LobbyResponseSchema)).lobby;
  }
  leaveLobby(lobbyId: string): Promise<void> {
    return this.request('POST', `/v1/lobbies/${seg(lobbyId)}/leave`, null);
  }
  async kick(lobbyId: string, playerId: string): Promise<Lobby> {
    return (await this.kickMember(lobbyId, playerId)).lobby;
  }
  /** Kick, and the lobby's new invite token (a kick rotates it: the kicked player's link stops working). */
  kickMember(lobbyId: string, playerId: string): Promise<KickResponse> {
    return this.request('DELETE', `/v1/lobbies/${seg(lobbyId)}/members/${seg(playerId)}`, KickResponseSchema);
  }
  async transferHost(lobbyId: string, playerId: string): Promise<Lobby> {
    return (await this.request('PUT', `/v1/lobbies/${seg(lobbyId)}/host`, LobbyResponseSchema, { playerId })).lobby;
  }
  async setMode(lobbyId: string, mode: QueueModeId): Promise<Lobby> {
    return (await this.request('PUT', `/v1/lobbies/${seg(lobbyId)}/mode`, LobbyResponseSchema, { mode })).lobby;
  }
  rotateInvite(lobbyId: string): Promise<InviteTokenInfo> {
    return this.request('POST', `/v1/lobbies/${seg(lobbyId)}/invite-token`, InviteTokenInfoSchema);
  }
  /** Join by an invite token (or the token part of a glaceon://join/<token> link). */
  joinByToken(token: string): Promise<LobbyJoinedResponse> {
    return this.request('POST', '/v1/lobbies/join', LobbyJoinedResponseSchema, { token });
  }
  /** Where a token leads (host name, mode, size) without spending a use. */
  previewInvite(token: string): Promise<InvitePreview> {
    return this.request('POST', '/v1/lobbies/preview', InvitePreviewSchema, { token });
  }
  async inviteFriend(lobbyId: string, playerId: string): Promise<DirectInvite> {
    return (await this.request('POST', `/v1/lobbies/${seg(lobbyId)}/invites`, DirectInviteResponseSchema, { playerId })).invite;
  }
  async invites(): Promise<DirectInvite[]> {
    return (await this.request('GET', '/v1/invites', InvitesListResponseSchema)).invites;
  }
  acceptInvite(inviteId: string): Promise<LobbyJoinedResponse> {
    return this.request('POST', `/v1/invites/${seg(inviteId)}/accept`, LobbyJoinedResponseSchema);
  }
  declineInvite(inviteId: string): Promise<void> {
    return this.request('POST', `/v1/invites/${seg(inviteId)}/decline`, null);
  }

  // Join requests (ask to join a friend's lobby) ---------------------------------
  async askToJoin(friendId: string): Promise<JoinRequest> {
    return (await this.request('POST', `/v1/friends/${seg(friendId)}/join-requests`, JoinRequestResponseSchema)).request;
  }
  async joinRequests(lobbyId: string): Promise<JoinRequest[]> {
    return (await this.request('GET', `/v1/lobbies/${seg(lobbyId)}/join-requests`, JoinRequestsListResponseSchema)).requests;
  }
  acceptJoinRequest(lobbyId: string, playerId: string): Promise<LobbyJoinedResponse> {
    return this.request('POST', `/v1/lobbies/${seg(lobbyId)}/join-requests/${seg(playerId)}/accept`, LobbyJoinedResponseSchema);
  }
  declineJoinRequest(lobbyId: string, playerId: string): Promise<void> {
    return this.request('POST', `/v1/lobbies/${seg(lobbyId)}/join-requests/${seg(playerId)}/decline`, null);
  }

  // Operations --------------------------------------------------------------
  health(): Promise<HealthResponse> {
    return this.request('GET', '/healthz', HealthResponseSchema);
  }
}
