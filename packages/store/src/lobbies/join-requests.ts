/**
 * Join requests (#15): a player asks the host of a friend's lobby to let them
 * in. Kept in the lobby's slot (`lobby:{l}:join-requests`), one per
 * (requester, lobby), expiring, capped per lobby. The host hears of each new
 * one (`join.request.received`) and of each that goes (`join.request.removed`);
 * the requester hears the answer (`join.request.answered`). Accepting adds the
 * requester to the lobby (joinLobby, which tells every member).
 */
import { createDecoder, JoinRequestSchema, type JoinRequest } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { publishToPlayer } from '../presence/bus.js';
import { lobbyKeys } from './keys.js';
import { expectOk, lobbyScripts } from './scripts.js';

export const JOIN_REQUEST_TTL_MS = 2 * 60 * 1000;
/** Pending join requests one lobby may hold; more are refused (RATE_LIMITED) until some are answered or expire. */
export const MAX_PENDING_JOIN_REQUESTS = 10;
const decode = createDecoder(JoinRequestSchema);

export interface RequestJoinInput {
  lobbyId: string;
  from: { id: string; name: string };
  ttlMs?: number;
  maxPending?: number;
}

/**
 * Ask to join: stored and pushed to the host. A repeat while one is pending
 * returns the pending request and pushes nothing. Returns the request and the
 * host it went to.
 */
export async function requestToJoin(redis: RedisClient, input: RequestJoinInput): Promise<{ request: JoinRequest; hostId: string; created: boolean }> {
  const at = Date.now();
  const ttl = input.ttlMs ?? JOIN_REQUEST_TTL_MS;
  const request: JoinRequest = { lobbyId: input.lobbyId, from: input.from, at, expiresAt: at + ttl };
  const reply = expectOk(
    'request-join',
    await lobbyScripts(redis).requestJoin(
      [lobbyKeys.lobby(input.lobbyId), lobbyKeys.joinRequests(input.lobbyId)],
      [input.from.id, JSON.stringify(request), at, ttl, input.maxPending ?? MAX_PENDING_JOIN_REQUESTS],
    ),
  );
  if (reply[0] === 0) {
    const existing = decode.decodeText(String(reply[1]));
    const hostId = String(reply[2]);
    if (existing.ok) return { request: existing.value, hostId, created: false };
  }
  const hostId = String(reply[0] === 0 ? reply[2] : reply[1]);
  await publishToPlayer(redis, hostId, { kind: 'event', event: { type: 'join.request.received', request } });
  return { request, hostId, created: true };
}

/** Pending, unexpired requests of a lobby, oldest first (for the host's snapshot and list). */
export async function listJoinRequests(redis: RedisClient, lobbyId: string): Promise<JoinRequest[]> {
  const all = await redis.hgetall(lobbyKeys.joinRequests(lobbyId));
  const now = Date.now();
  const live: JoinRequest[] = [];
  for (const raw of Object.values(all)) {
    const parsed = decode.decodeText(raw);
    if (parsed.ok && parsed.value.expiresAt > now) live.push(parsed.value);
  }
  return live.sort((a, b) => a.at - b.at);
}

/**
 * The host answers one request (it is removed either way): the host's
 * launchers drop it and the requester is told. NOT_HOST / NOT_FOUND as typed
 * errors. Joining the lobby on accept is the caller's next step.
 */
export async function takeJoinRequest(redis: RedisClient, input: { lobbyId: string; hostId: string; requesterId: string }): Promise<JoinRequest> {
  const reply = expectOk(
    'take-join-request',
    await lobbyScripts(redis).takeJoinRequest(
      [lobbyKeys.lobby(input.lobbyId), lobbyKeys.joinRequests(input.lobbyId)],
      [input.hostId, input.requesterId, Date.now()],
    ),
  );
  const parsed = decode.decodeText(String(reply[1]));
  if (!parsed.ok) throw new Error(`join request in ${input.lobbyId} does not match its schema`);
  await publishToPlayer(redis, input.hostId, { kind: 'event', event: { type: 'join.request.removed', lobbyId: input.lobbyId, playerId: input.requesterId } });
  return parsed.value;
}

/** Tell the requester how the host answered (after the join, when accepted, so the lobby arrives first). */
export async function tellJoinRequestAnswered(redis: RedisClient, requesterId: string, answer: { lobbyId: string; accepted: boolean }): Promise<void> {
  await publishToPlayer(redis, requesterId, { kind: 'event', event: { type: 'join.request.answered', lobbyId: answer.lobbyId, accepted: answer.accepted } });
}
