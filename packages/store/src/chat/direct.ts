/**
 * Direct messages between friends. A conversation is a capped stream with one
 * hash tag per pair (`dm:{a:b}`, ids sorted); each player's side (their
 * conversation list and unread counts) lives in their own slot. A send is
 * three single-slot steps - the message, the recipient's side, the sender's
 * side - in that order: a crash between them loses at most an unread bump or a
 * list position, never the message, which history shows.
 */
import { CHAT_HISTORY_LENGTH, createDecoder, DirectMessageSchema, GlaceonError, type Conversation, type DirectMessage, type Player } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { parseJson } from '../json.js';
import { publishToPlayer } from '../presence/bus.js';
import { getAccountNames } from '../accounts/index.js';
import { areFriends } from '../friends/index.js';
import { chatKeys } from './keys.js';

const decodeMessage = createDecoder(DirectMessageSchema);

function parseEntry([id, fields]: [string, string[]]): DirectMessage | null {
  const body = parseJson(fields[1]);
  if (!body || typeof body !== 'object') return null;
  const decoded = decodeMessage.decode({ ...(body as object), id });
  return decoded.ok ? decoded.value : null;
}

/** Friends both ways, checked on each side: a removal or block (which ends the friendship) stops messages at once. */
async function mayMessage(redis: RedisClient, fromId: string, toId: string): Promise<boolean> {
  if (fromId === toId) return false;
  const [mine, theirs] = await Promise.all([areFriends(redis, fromId, toId), areFriends(redis, toId, fromId)]);
  return mine && theirs;
}

/** Refused the same way whether they never were friends, were removed, or blocked the sender: a block is never revealed. */
export const NOT_A_FRIEND_MESSAGE = 'You can only message your friends.';

export interface SentDirectMessage {
  message: DirectMessage;
  recipient: Player;
}

/**
 * Send `text` (already checked by the caller: length, blanks, rate) from one
 * friend to another, and push it to both (`dm.message`, with each side's
 * unread count). FORBIDDEN when they are not friends both ways.
 */
export async function sendDirectMessage(redis: RedisClient, input: { from: Player; toId: string; text: string }): Promise<SentDirectMessage> {
  const { from, toId, text } = input;
  if (!(await mayMessage(redis, from.id, toId))) throw new GlaceonError('FORBIDDEN', NOT_A_FRIEND_MESSAGE, '/playerId');
  const name = (await getAccountNames(redis, [toId])).get(toId);
  if (!name) throw new GlaceonError('FORBIDDEN', NOT_A_FRIEND_MESSAGE, '/playerId');
  const at = Date.now();
  const body = { at, from: from.id, to: toId, text };
  const id = await redis.xadd(chatKeys.conversation(from.id, toId), 'MAXLEN', String(CHAT_HISTORY_LENGTH), '*', 'm', JSON.stringify(body));
  const message: DirectMessage = { id: String(id), ...body };
  const [unread] = await Promise.all([bumpRecipient(redis, toId, from.id, at), touchRecent(redis, from.id, toId, at)]);
  const senderUnread = Number((await redis.hget(chatKeys.unread(from.id), toId)) ?? 0);
  const recipient = { id: toId, name };
  await Promise.all([
    publishToPlayer(redis, toId, { kind: 'event', event: { type: 'dm.message', message, player: from, unread } }),
    publishToPlayer(redis, from.id, { kind: 'event', event: { type: 'dm.message', message, player: recipient, unread: senderUnread } }),
  ]);
  return { message, recipient };
}

async function bumpRecipient(redis: RedisClient, playerId: string, otherId: string, at: number): Promise<number> {
  const results = await redis
    .multi()
    .hincrby(chatKeys.unread(playerId), otherId, 1)
    .zadd(chatKeys.recent(playerId), at, otherId)
    .zremrangebyrank(chatKeys.recent(playerId), 0, -(CHAT_HISTORY_LENGTH + 1))
    .exec();
  return Number(results?.[0]?.[1] ?? 1);
}

async function touchRecent(redis: RedisClient, playerId: string, otherId: string, at: number): Promise<void> {
  await redis
    .multi()
    .zadd(chatKeys.recent(playerId), at, otherId)
    .zremrangebyrank(chatKeys.recent(playerId), 0, -(CHAT_HISTORY_LENGTH + 1))
    .exec();
}

/** My conversations, most recent first, with unread counts and the last message (fetched at sign-in and after a reconnect). */
export async function listConversations(redis: RedisClient, playerId: string): Promise<Conversation[]> {
  const [ids, unread] = await Promise.all([redis.zrevrange(chatKeys.recent(playerId), 0, CHAT_HISTORY_LENGTH - 1), redis.hgetall(chatKeys.unread(playerId))]);
  const names = await getAccountNames(redis, ids);
  const lasts = await Promise.all(ids.map((other) => redis.xrevrange(chatKeys.conversation(playerId, other), '+', '-', 'COUNT', 1)));
  return ids.flatMap((other, i) => {
    const name = names.get(other);
    if (!name) return [];
    const entry = lasts[i]?.[0];
    return [{ player: { id: other, name }, unread: Number(unread[other] ?? 0), last: entry ? parseEntry(entry) : null }];
  });
}

/** One conversation's messages, oldest first, and my unread count in it. NOT_FOUND for an unknown player. */
export async function getConversation(
  redis: RedisClient,
  playerId: string,
  otherId: string,
): Promise<{ player: Player; unread: number; messages: DirectMessage[] }> {
  const name = (await getAccountNames(redis, [otherId])).get(otherId);
  if (!name || otherId === playerId) throw new GlaceonError('NOT_FOUND', 'No such conversation.');
  const [entries, unread] = await Promise.all([
    redis.xrange(chatKeys.conversation(playerId, otherId), '-', '+'),
    redis.hget(chatKeys.unread(playerId), otherId),
  ]);
  return { player: { id: otherId, name }, unread: Number(unread ?? 0), messages: entries.flatMap((e) => parseEntry(e) ?? []) };
}

/** Mark a conversation read; my other launchers are told (`dm.read`). */
export async function markConversationRead(redis: RedisClient, playerId: string, otherId: string): Promise<void> {
  if ((await redis.hdel(chatKeys.unread(playerId), otherId)) > 0) {
    await publishToPlayer(redis, playerId, { kind: 'event', event: { type: 'dm.read', playerId: otherId } });
  }
}
