/**
 * Party chat: one capped stream per lobby (`lobby:{l}:chat`, the lobby's tag),
 * written by members (messages) and by the functions that change the lobby
 * or its queue (system lines: joined, left, kicked, host, queue started or
 * cancelled, match declined). Every line is pushed to the lobby's members on
 * the player bus before the function resolves; the stream is the truth a
 * member who joins or reconnects reads (pub/sub is at-most-once). A member
 * who blocked a message's author neither receives it nor reads it back.
 */
import {
  CHAT_HISTORY_LENGTH,
  createDecoder,
  GlaceonError,
  LobbyChatLineSchema,
  type LobbyChatLine,
  type LobbySystemEvent,
  type Player,
} from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { keys } from '../keys.js';
import { expectOk } from '../lua.js';
import { parseJson } from '../json.js';
import { publishToPlayers } from '../presence/bus.js';
import { getAccountNames } from '../accounts/index.js';
import { getBlockedIds, whoBlocked } from '../friends/index.js';
import { parseMemberIds } from '../lobbies/read.js';
import { getPlayerLobbyId } from '../lobbies/read.js';
import { CHAT_ERRORS, chatScripts } from './scripts.js';
import { chatKeys } from './keys.js';

const decodeLine = createDecoder(LobbyChatLineSchema);

type LineBody = Omit<LobbyChatLine, 'id'>;

async function append(redis: RedisClient, lobbyId: string, authorId: string, body: LineBody): Promise<LobbyChatLine> {
  const reply = expectOk(
    CHAT_ERRORS,
    'append-lobby',
    await chatScripts(redis).appendLobby([keys.lobby(lobbyId), chatKeys.lobbyChat(lobbyId)], [body.kind, authorId, JSON.stringify(body), CHAT_HISTORY_LENGTH]),
  );
  const line = { id: String(reply[1]), ...body } as LobbyChatLine;
  // Everyone in the lobby as the line was written (the author included: their other launchers
  // show it too); the script returns the members, which saves a read.
  const members = parseMemberIds(typeof reply[2] === 'string' && reply[2] !== '' ? reply[2] : null);
  // A member who blocked the author is not sent their messages (system lines go to everyone).
  const blockers =
    body.kind === 'message'
      ? await whoBlocked(
          redis,
          authorId,
          members.filter((m) => m !== authorId),
        )
      : undefined;
  const recipients = blockers && blockers.size > 0 ? members.filter((m) => !blockers.has(m)) : members;
  await publishToPlayers(redis, recipients, { kind: 'event', event: { type: 'chat.line', lobbyId, line } });
  return line;
}

/** A member's message (text already checked by the caller: length, blanks, rate). NOT_FOUND / NOT_IN_LOBBY otherwise. */
export function appendLobbyMessage(redis: RedisClient, input: { lobbyId: string; from: Player; text: string }): Promise<LobbyChatLine> {
  return append(redis, input.lobbyId, input.from.id, { kind: 'message', at: Date.now(), from: input.from, text: input.text });
}

export interface LobbySystemLineInput {
  /** The lobby; when omitted, the lobby `player` is in now (none: nothing is written). */
  lobbyId?: string;
  event: LobbySystemEvent;
  /** Who it happened to: a player, or an id whose name is looked up. */
  player: Player | string;
  /** Who did it, when that is someone else (the host who kicked, the member who cancelled). */
  by?: Player | string;
}

/**
 * Write a system line (and push it). Never throws for a lobby that is gone
 * (a line about a lobby that just closed is simply not written): callers are
 * the steps that change lobbies and queues, which must not fail because of
 * chat. Returns the line, or null when nothing was written.
 */
export async function appendLobbySystemLine(redis: RedisClient, input: LobbySystemLineInput): Promise<LobbyChatLine | null> {
  try {
    const playerId = typeof input.player === 'string' ? input.player : input.player.id;
    const lobbyId = input.lobbyId ?? (await getPlayerLobbyId(redis, playerId));
    if (!lobbyId) return null;
    const [player, by] = await named(redis, lobbyId, [input.player, input.by]);
    if (!player) return null;
    return await append(redis, lobbyId, player.id, { kind: 'system', at: Date.now(), from: player, event: input.event, ...(by ? { by } : {}) });
  } catch (error) {
    if (error instanceof GlaceonError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Players from ids: the lobby's member list first, the accounts for anyone else (a kicked member). */
async function named(redis: RedisClient, lobbyId: string, who: (Player | string | undefined)[]): Promise<(Player | undefined)[]> {
  const ids = who.filter((w): w is string => typeof w === 'string');
  if (ids.length === 0) return who as (Player | undefined)[];
  const members = parseJson(await redis.hget(keys.lobby(lobbyId), 'members'));
  const known = new Map<string, string>();
  if (Array.isArray(members)) for (const m of members as Player[]) if (m && typeof m.id === 'string') known.set(m.id, m.name);
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) for (const [id, name] of await getAccountNames(redis, missing)) known.set(id, name);
  return who.map((w) => (typeof w === 'string' ? (known.has(w) ? { id: w, name: known.get(w)! } : undefined) : w));
}

/**
 * The lobby's chat, oldest first (entries that fail validation are skipped). With `readerId`,
 * as that player sees it: without the messages of players they blocked.
 */
export async function getLobbyChat(redis: RedisClient, lobbyId: string, readerId?: string): Promise<LobbyChatLine[]> {
  const [entries, blocked] = await Promise.all([
    redis.xrange(chatKeys.lobbyChat(lobbyId), '-', '+'),
    readerId === undefined ? new Set<string>() : getBlockedIds(redis, readerId),
  ]);
  return entries.flatMap(([id, fields]) => {
    const body = parseJson(fields[1]);
    if (!body || typeof body !== 'object') return [];
    const decoded = decodeLine.decode({ ...(body as object), id });
    if (!decoded.ok || (decoded.value.kind === 'message' && blocked.has(decoded.value.from.id))) return [];
    return [decoded.value];
  });
}

/** The chat goes with its lobby (membership.ts calls this when the last member leaves). */
export async function deleteLobbyChat(redis: RedisClient, lobbyId: string): Promise<void> {
  await redis.del(chatKeys.lobbyChat(lobbyId));
}
