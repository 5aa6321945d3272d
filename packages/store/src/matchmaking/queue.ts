/**
 * Entering and leaving the queue. startQueue spans two slots (queue, lobby) in
 * three steps: intent in the queue slot, lock the lobby, activate the entry.
 * Any crash in between is repaired by the sweeper via the outbox (fence the
 * ticket dead, then idle the lobby); see docs/redis/matchmaking.md.
 */
import { CHAT_HISTORY_LENGTH, GlaceonError, isQueueId, isSlotId, slotIdOf, type LobbyChatLine, type QueueModeId } from '@glaceon/protocol';
import { chatKeys } from '../chat/keys.js';
import { keys } from '../keys.js';
import { getPlayerLobbyId, lobbyListsMember, parseMemberIds, parseMembers } from '../lobbies/read.js';
import type { RedisClient } from '../redis.js';
import { fail } from './errors.js';
import { queueKeys } from './keys.js';
import { applyMirrors } from './mirror.js';
import { chooseHomeRegion, readPlayerLatencies, worstLatencies, type RegionLatencies } from './latency.js';
import { lobbyChanged } from './lobby-notify.js';
import { partySkill, readRatings } from './ratings.js';
import { repairMove } from './move.js';
import { getSearching } from './leader.js';
import { check, runJson, script } from './scripts.js';
import type { CancelQueueInput, QueueRules, StartQueueInput, StartQueueResult } from './types.js';
import { arr, newId } from './util.js';

const LOBBY_FIELDS = ['host', 'mode', 'state', 'members'] as const;

export async function startQueue(redis: RedisClient, input: StartQueueInput): Promise<StartQueueResult> {
  return startQueueWith(redis, input, await redis.hmget(keys.lobby(input.lobbyId), ...LOBBY_FIELDS));
}

/**
 * startQueue for the lobby the player is in (what a Coral serves). With a hint (the lobby the
 * caller last saw them in) whose members list the player, that one read is all: a listed
 * member's pointer names the lobby (lobbyListsMember), and the lobby script re-checks
 * membership atomically. Without a hint, or when it does not list them, the pointer decides:
 * a wrong hint costs a read, never a wrong lobby.
 */
export async function startQueueForPlayer(
  redis: RedisClient,
  input: { playerId: string; lobbyHint?: string; now?: number; queues: QueueRules },
): Promise<StartQueueResult> {
  const start = (lobbyId: string, fields: (string | null)[]) =>
    startQueueWith(redis, { lobbyId, requesterId: input.playerId, queues: input.queues, ...(input.now !== undefined ? { now: input.now } : {}) }, fields);
  if (input.lobbyHint) {
    const hinted = await redis.hmget(keys.lobby(input.lobbyHint), ...LOBBY_FIELDS);
    if (lobbyListsMember(hinted[3], input.playerId)) return start(input.lobbyHint, hinted);
  }
  const lobbyId = await getPlayerLobbyId(redis, input.playerId);
  if (!lobbyId) throw new GlaceonError('NOT_IN_LOBBY', 'Join or create a lobby first.');
  return start(lobbyId, await redis.hmget(keys.lobby(lobbyId), ...LOBBY_FIELDS));
}

/** The chat line that says the host started the queue (without its id), or undefined when the members list does not name them. */
function queueStartedLine(members: readonly { id: string; name?: string }[], requesterId: string, now: number): Omit<LobbyChatLine, 'id'> | undefined {
  const name = members.find((m) => m.id === requesterId)?.name;
  return name === undefined ? undefined : { kind: 'system', at: now, from: { id: requesterId, name }, event: 'queue.started' };
}

async function startQueueWith(redis: RedisClient, input: StartQueueInput, lobbyFields: (string | null)[]): Promise<StartQueueResult> {
  const now = input.now ?? Date.now();
  const [host, modeRaw, state, members] = lobbyFields as [string | null, string | null, string | null, string | null];
  if (host === null) fail('startQueue', 'NOT_FOUND', 'no such lobby');
  // Fail fast on bad input without writing anything; the lobby script re-checks all of it atomically.
  const listed = parseMembers(members);
  const memberIds = listed.map((m) => m.id);
  if (!memberIds.includes(input.requesterId)) fail('startQueue', 'NOT_IN_LOBBY');
  if (host !== input.requesterId) fail('startQueue', 'NOT_HOST');
  if ((state ?? 'idle') !== 'idle') fail('startQueue', 'LOBBY_NOT_IDLE');
  if (!isQueueId(modeRaw)) fail('startQueue', 'WRONG_STATE', 'lobby has no valid mode');
  const rules = input.queues.get(modeRaw);
  if (!rules) fail('startQueue', 'QUEUE_CLOSED', `the queue ${modeRaw} is not open`);
  if (!rules.partySizes.includes(memberIds.length)) fail('startQueue', 'PARTY_TOO_LARGE');
  const queue: QueueModeId = modeRaw;
  // The slot: the queue itself when it runs in no region; else the home region's slot, chosen
  // from every member's latency report and each region's players searching (one read).
  let mode: QueueModeId = queue;
  let worst: RegionLatencies | null = null;
  const regions = rules.regions ?? [];
  if (regions.length > 0 && rules.latency) {
    const [reports, searching] = await Promise.all([
      readPlayerLatencies(redis, memberIds),
      getSearching(
        redis,
        regions.map((r) => slotIdOf(queue, r)),
      ),
    ]);
    worst = worstLatencies(reports, regions);
    mode = slotIdOf(queue, chooseHomeRegion(worst, regions, rules.latency, searching));
  }
  const tag = queueKeys.tag(mode);
  const ticket = newId('t_');

  // The ratings (other slots; per queue, not per region) are read beside step 1, for the members
  // seen above; the lobby script returns the members it locked, and a changed party is read again below.
  const ratingsAhead = readRatings(redis, queue, memberIds).then(
    (r) => ({ ok: true as const, r }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  // A status -1 (the ticket id exists: never reused) throws INTERNAL.
  check('ticket-begin', await runJson(redis, 'ticket-begin', [tag], [ticket, input.lobbyId, now]));

  // The `queue.started` chat line is written with the lock and pushed with the lobby's notice:
  // one script and one publish per member fewer than a line of its own (coral-perf-015).
  const startedLine = queueStartedLine(listed, input.requesterId, now);
  const locked = await runJson(
    redis,
    'lobby-enqueue',
    [keys.lobby(input.lobbyId), chatKeys.lobbyChat(input.lobbyId)],
    [input.requesterId, queue, ticket, now, rules.maxPartySize, mode, startedLine ? JSON.stringify(startedLine) : '', CHAT_HISTORY_LENGTH],
  );
  if (locked.r !== 1) {
    // The lobby never pointed at the ticket: kill the intent (its mirror is a no-op).
    const fenced = await runJson(redis, 'ticket-fence', [tag], [ticket, 'cancelled', now, input.lobbyId]);
    await applyMirrors(redis, mode, fenced.a, now);
    check('lobby-enqueue', locked);
  }
  const players = arr<string>(locked.members);
  // The lobby is locked (state queued): Realm may be told now, beside activation. If activation
  // fails, the lobby's mirror to idle notifies again.
  const line: LobbyChatLine | undefined = startedLine && typeof locked.line === 'string' ? { id: locked.line, ...startedLine } : undefined;
  const notified = lobbyChanged(redis, input.lobbyId, players, line);
  let activated: { r: number; queuedAt?: unknown };
  let queuedAt = now;
  try {
    const ahead = await ratingsAhead;
    const sameParty = ahead.ok && ahead.r.length === players.length && players.every((p, i) => memberIds[i] === p);
    const ratings = sameParty ? ahead.r : await readRatings(redis, queue, players);
    // A member who joined between the reads (rare): their latency counts too (the slot stays).
    if (!sameParty && regions.length > 0) worst = worstLatencies(await readPlayerLatencies(redis, players), regions);
    const { rating, uncertainty } = partySkill(ratings);
    // queuedAt is when the entry becomes matchable: Redis's clock at activation ('' asks the
    // script for it), since steps 1-2 and the pipeline can take a while under load.
    activated = await runJson(
      redis,
      'ticket-activate',
      [tag],
      [ticket, input.now ?? '', players.length, rating.toFixed(2), JSON.stringify(players), uncertainty.toFixed(2), worst ? JSON.stringify(worst) : ''],
    );
    if (typeof activated.queuedAt === 'number') queuedAt = activated.queuedAt;
  } catch (error) {
    // Do not leave the lobby locked until the sweeper's repair: fence and idle it now (best effort).
    await runJson(redis, 'ticket-fence', [tag], [ticket, 'server_lost', now, input.lobbyId])
      .then((fenced) => applyMirrors(redis, mode, fenced.a, now))
      .catch(() => undefined);
    await notified;
    throw error;
  }
  if (activated.r !== 1) {
    // A repair fenced the ticket while we were slow: its outbox mirror idles the lobby.
    const fenced = await runJson(redis, 'ticket-fence', [tag], [ticket, 'server_lost', now, input.lobbyId]);
    await applyMirrors(redis, mode, fenced.a, now);
    await notified;
    // The entry took longer than the sweeper's repair delay: this Coral (or Redis) is past its
    // capacity, or was paused. Nothing is left behind, so it is the same answer as the entry
    // gate's: BUSY, which clients retry with backoff (the launcher says "busy, retrying"), in the
    // gate's words, since a launcher shows the message once its retries run out.
    throw GlaceonError.refusal('BUSY', 'Matchmaking is busy (the queue entry took too long and was undone); retry in a moment.');
  }
  await notified;
  return { lobbyId: input.lobbyId, ticket, mode, queuedAt, players };
}

export async function cancelQueue(redis: RedisClient, input: CancelQueueInput): Promise<void> {
  const now = input.now ?? Date.now();
  // A lobby whose entry is moving between slots: the move is resolved first (it ends in one
  // slot), then the cancel goes where the lobby points. Two resolutions at most: a move resolved
  // as `stays` cannot move again before this cancel reaches it, unless its leader moves it anew.
  for (let attempt = 0; ; attempt++) {
    const [host, members, ticket, queueMode] = await redis.hmget(keys.lobby(input.lobbyId), 'host', 'members', 'ticket', 'queueMode');
    if (host === null) fail('cancelQueue', 'NOT_FOUND', 'no such lobby');
    const ids = parseMemberIds(members ?? null);
    if (!ids.includes(input.requesterId)) fail('cancelQueue', 'NOT_IN_LOBBY');
    // Any member may cancel (#15): the queue is the party's, and a member who has to go must be able
    // to stop it; the lobby's `idleBy` (and the `left` event's `by`) names who did (who left, for `member_left`).
    if (!ticket || !isSlotId(queueMode)) fail('cancelQueue', 'WRONG_STATE', 'the lobby is not queued');
    const by = input.reason === 'host_away' ? '' : input.requesterId;
    const reply = await runJson(redis, 'cancel-ticket', [queueKeys.tag(queueMode)], [ticket, input.reason, now, input.lobbyId, by]);
    if (reply.r === -4 && attempt < 3 && typeof reply.moveTo === 'string' && typeof reply.moveTicket === 'string') {
      await repairMove(redis, { from: queueMode, ticket, to: reply.moveTo, toTicket: reply.moveTicket, lobbyId: input.lobbyId }, now);
      continue;
    }
    await applyMirrors(redis, queueMode, reply.a, now);
    if (reply.r === -4) fail('cancelQueue', 'BUSY', 'the queue entry is moving between regions; try again');
    check('cancel-ticket', reply);
    return;
  }
}

/**
 * A closed queue's drain (its leader, after a reload removed the queue): every entry still
 * waiting leaves with reason `queue_closed`, through the same script as a cancel, so the
 * lobby mirror idles the lobby and the players get the `left` event. Entries in a ready
 * check are left to settle as usual (a requeued one is drained on a later pass); one still
 * entering is drained once it is queued. Returns how many left.
 */
export async function drainWaiting(
  redis: RedisClient,
  mode: QueueModeId,
  entries: readonly { ticket: string; lobbyId: string }[],
  now = Date.now(),
): Promise<number> {
  const tag = queueKeys.tag(mode);
  const replies = await Promise.all(entries.map((e) => runJson(redis, 'cancel-ticket', [tag], [e.ticket, 'queue_closed', now, e.lobbyId, '', 'queued'])));
  await Promise.all(replies.map((reply) => applyMirrors(redis, mode, reply.a, now)));
  return replies.filter((reply) => reply.r === 1).length;
}

/**
 * Keep-alive from the Coral holding these players' sockets: refresh the
 * last-seen time of their queued tickets. Given a list, every queue of it (the ones this Coral serves).
 */
export async function touchPlayers(
  redis: RedisClient,
  mode: QueueModeId | readonly QueueModeId[],
  playerIds: readonly string[],
  now = Date.now(),
): Promise<number> {
  if (playerIds.length === 0) return 0;
  const modes = typeof mode === 'string' ? [mode] : mode;
  const counts = await Promise.all(modes.map((m) => script(redis, 'touch-players')([queueKeys.tag(m)], [now, ...playerIds])));
  return counts.reduce<number>((a, [n]) => a + n, 0);
}
