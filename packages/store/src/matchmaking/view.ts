/**
 * Where a player is right now, read from keys. Coral uses it to resume a
 * reconnecting player and to reconcile after missed pub/sub. A lobby pointing
 * at a dead or missing entry is repaired on the way (fence, then idle).
 */
import { isSlotId, type Lobby, type QueueModeId } from '@glaceon/protocol';
import { lobbyListsMember, parseLobbyHash } from '../lobbies/read.js';
import { keys } from '../keys.js';
import type { RedisClient } from '../redis.js';
import { queueKeys } from './keys.js';
import { applyMirrors } from './mirror.js';
import { runJson } from './scripts.js';
import type { IdleReason, PlayerMatchView } from './types.js';
import { arr, parseJson } from './util.js';

/** A hash field as read (absent = null; undefined only for type narrowing of tuples). */
type Field = string | null | undefined;
interface LobbyRow {
  exists: boolean;
  state: Field;
  ticket: Field;
  mode: Field;
  idleReason: Field;
  lastResult: Field;
  /** The members' JSON, from a whole read only: whether it lists the player proves the pointer (lobbyListsMember). */
  members?: Field;
  /** The whole hash, when read whole (a view read that also serves the lobby copy). */
  hash?: Record<string, string>;
}
interface EntryRow {
  state: Field;
  queuedAt: Field;
  size: Field;
  pm: Field;
  createdAt: Field;
}
interface PmRow {
  state: Field;
  deadline: Field;
  players: Field;
  playerTeams: Field;
  gameId: Field;
  serverId: Field;
  address: Field;
  accepted: string[];
}

/** How long a view read waits for a lobby mirror in flight before repairing it (see readView). */
const MIRROR_IN_FLIGHT_WAIT_MS = 30;

const LOBBY_FIELDS = ['host', 'state', 'ticket', 'queueMode', 'idleReason', 'lastResult'] as const;
const ENTRY_FIELDS = ['state', 'queuedAt', 'size', 'pm', 'createdAt'] as const;
const PM_FIELDS = ['state', 'deadline', 'players', 'playerTeams', 'gameId', 'serverId', 'address'] as const;

async function readLobby(redis: RedisClient, lobbyId: string, whole = false): Promise<LobbyRow> {
  if (whole) {
    const h = await redis.hgetall(keys.lobby(lobbyId));
    const f = (name: string): Field => h[name] ?? null;
    return {
      exists: h.host !== undefined,
      state: f('state'),
      ticket: f('ticket'),
      mode: f('queueMode'),
      idleReason: f('idleReason'),
      lastResult: f('lastResult'),
      members: f('members'),
      hash: h,
    };
  }
  const [host, state, ticket, mode, idleReason, lastResult] = await redis.hmget(keys.lobby(lobbyId), ...LOBBY_FIELDS);
  return { exists: host !== null && host !== undefined, state, ticket, mode, idleReason, lastResult };
}
async function readEntry(redis: RedisClient, mode: string, ticket: string): Promise<EntryRow> {
  const [state, queuedAt, size, pm, createdAt] = await redis.hmget(queueKeys.ticket(mode, ticket), ...ENTRY_FIELDS);
  return { state, queuedAt, size, pm, createdAt };
}
async function readPm(redis: RedisClient, mode: string, pm: string): Promise<PmRow> {
  const [[state, deadline, players, playerTeams, gameId, serverId, address], accepted] = await Promise.all([
    redis.hmget(queueKeys.prematch(mode, pm), ...PM_FIELDS),
    redis.smembers(queueKeys.accepted(mode, pm)),
  ]);
  return { state, deadline, players, playerTeams, gameId, serverId, address, accepted };
}

function idleView(lobbyId: string, lobby: LobbyRow): PlayerMatchView {
  if (!lobby.exists) return { state: 'none' };
  return { state: 'idle', lobbyId, idleReason: (lobby.idleReason || null) as IdleReason | null, lastResult: parseJson(lobby.lastResult) };
}

/** Which reads a lobby needs next: its entry (non-idle) and, from the entry, its prematch. */
function entryOf(lobby: LobbyRow): { mode: QueueModeId; ticket: string } | null {
  if (!lobby.exists || !lobby.state || lobby.state === 'idle' || !lobby.ticket || !isSlotId(lobby.mode)) return null;
  return { mode: lobby.mode, ticket: lobby.ticket };
}

/**
 * The view from rows read (possibly at slightly different times). `repair`:
 * the lobby points at a dead or missing entry; `retry`: rows moved between reads.
 */
function compose(playerId: string, lobbyId: string, lobby: LobbyRow, entry: EntryRow | undefined, pm: PmRow | undefined): PlayerMatchView | 'repair' | 'retry' {
  const at = entryOf(lobby);
  if (!at) return idleView(lobbyId, lobby);
  const { mode, ticket } = at;
  if (!entry) return 'retry';
  if (entry.state === null || entry.state === 'dead') return 'repair';
  // A move's target half is `starting` with the original queuedAt and size copied.
  if (entry.state === 'starting')
    return { state: 'queued', lobbyId, mode, ticket, queuedAt: Number(entry.queuedAt || entry.createdAt), partySize: Number(entry.size || 0) };
  // Moving between slots (queues-001 section 4): still waiting, from the player's point of view.
  if (entry.state === 'queued' || entry.state === 'moving')
    return { state: 'queued', lobbyId, mode, ticket, queuedAt: Number(entry.queuedAt), partySize: Number(entry.size) };
  if (!entry.pm || !pm || !pm.state) return 'retry';
  const players = arr<string>(parseJson(pm.players));
  const teams = arr<string[]>(parseJson(pm.playerTeams));
  if (pm.state === 'readycheck') {
    return {
      state: 'prematch',
      lobbyId,
      mode,
      ticket,
      prematchId: entry.pm,
      deadline: Number(pm.deadline),
      players,
      accepted: pm.accepted,
      youAccepted: pm.accepted.includes(playerId),
      teams,
    };
  }
  return {
    state: 'ingame',
    lobbyId,
    mode,
    ticket,
    prematchId: entry.pm,
    gameId: pm.gameId ?? '',
    game: pm.state === 'ready' ? 'ready' : 'creating',
    serverId: pm.serverId || null,
    address: pm.address || null,
    players,
    teams,
  };
}

export async function getPlayerMatchView(redis: RedisClient, playerId: string, now = Date.now()): Promise<PlayerMatchView> {
  return (await readView(redis, playerId, now, false)).view;
}

/**
 * The view and the player's lobby from the same read (the lobby hash read whole): what Coral
 * sends a player as their state, one round trip fewer than the view and then the lobby.
 * `lobbyHint`: the lobby the caller last saw the player in. When its members list the player,
 * the pointer is not read (one round trip fewer again); else the pointer decides, as without it.
 */
export async function getPlayerMatchViewAndLobby(
  redis: RedisClient,
  playerId: string,
  now = Date.now(),
  lobbyHint?: string,
): Promise<{ view: PlayerMatchView; lobby: Lobby | null }> {
  const { view, row } = await readView(redis, playerId, now, true, lobbyHint);
  return { view, lobby: view.state !== 'none' && row?.hash ? parseLobbyHash(row.hash) : null };
}

/**
 * The player's lobby: the hinted one when its members list the player (its read is reused as
 * the view's first), else the pointer's. Only a whole read carries the members, so a hint
 * counts for whole reads only.
 */
async function lobbyOfPlayer(
  redis: RedisClient,
  playerId: string,
  whole: boolean,
  hint: string | undefined,
): Promise<{ lobbyId: string | null; first?: LobbyRow }> {
  if (hint && whole) {
    const row = await readLobby(redis, hint, true);
    if (row.exists && lobbyListsMember(row.members, playerId)) return { lobbyId: hint, first: row };
  }
  return { lobbyId: await redis.hget(keys.player(playerId), 'lobby') };
}

async function readView(
  redis: RedisClient,
  playerId: string,
  now: number,
  whole: boolean,
  lobbyHint?: string,
): Promise<{ view: PlayerMatchView; row?: LobbyRow }> {
  const { lobbyId, first } = await lobbyOfPlayer(redis, playerId, whole, lobbyHint);
  if (!lobbyId) return { view: { state: 'none' } };
  // Entries can move between our reads (a prematch settles): read again a few times.
  for (let attempt = 0; attempt < 4; attempt++) {
    const lobby = attempt === 0 && first ? first : await readLobby(redis, lobbyId, whole);
    const at = entryOf(lobby);
    const entry = at ? await readEntry(redis, at.mode, at.ticket) : undefined;
    const pm = at && entry?.pm && (entry.state === 'prematch' || entry.state === 'ingame') ? await readPm(redis, at.mode, entry.pm) : undefined;
    const view = compose(playerId, lobbyId, lobby, entry, pm);
    if (view === 'repair' && at && attempt === 0 && entry?.state === 'dead') {
      // A dead entry the lobby still points at is nearly always a mirror in flight: the event
      // that sent us here (game_over, left) is published by the queue step, a moment before
      // its Coral mirrors the lobby. Give that mirror a moment before repairing it ourselves
      // (a fence, a mirror and an outbox step, for nothing; coral-perf-015).
      await new Promise((resolve) => setTimeout(resolve, MIRROR_IN_FLIGHT_WAIT_MS));
      continue;
    }
    if (view === 'repair' && at) {
      // The entry is gone or dead but the lobby still points at it: fence + mirror (idle).
      const fenced = await runJson(redis, 'ticket-fence', [queueKeys.tag(at.mode)], [at.ticket, 'server_lost', now, lobbyId]);
      await applyMirrors(redis, at.mode, fenced.a, now);
      continue;
    }
    if (view !== 'retry' && view !== 'repair') return { view, row: lobby };
  }
  const row = await readLobby(redis, lobbyId, whole);
  return { view: idleView(lobbyId, row), row };
}

/**
 * Views of many players at once (reconcile, event fan-out): reads in four
 * parallel stages, each lobby, entry and prematch once however many of its
 * players are asked for. Players whose rows moved meanwhile (or need a
 * repair) fall back to `getPlayerMatchView`.
 */
export async function getPlayerMatchViews(redis: RedisClient, playerIds: readonly string[], now = Date.now()): Promise<Map<string, PlayerMatchView>> {
  const unique = [...new Set(playerIds)];
  const lobbyIds = await Promise.all(unique.map((p) => redis.hget(keys.player(p), 'lobby')));
  const lobbies = new Map<string, LobbyRow>();
  await Promise.all([...new Set(lobbyIds.filter((l): l is string => !!l))].map(async (l) => lobbies.set(l, await readLobby(redis, l))));
  const entries = new Map<string, EntryRow>();
  await Promise.all(
    [...lobbies.values()].map(async (row) => {
      const at = entryOf(row);
      if (at && !entries.has(`${at.mode} ${at.ticket}`)) entries.set(`${at.mode} ${at.ticket}`, await readEntry(redis, at.mode, at.ticket));
    }),
  );
  const pms = new Map<string, PmRow>();
  const pmReads = new Map<string, { mode: string; pm: string }>();
  for (const [k, e] of entries) {
    if (e.pm && (e.state === 'prematch' || e.state === 'ingame')) pmReads.set(`${k.split(' ')[0]} ${e.pm}`, { mode: k.split(' ')[0] as string, pm: e.pm });
  }
  await Promise.all([...pmReads].map(async ([k, { mode, pm }]) => pms.set(k, await readPm(redis, mode, pm))));

  const out = new Map<string, PlayerMatchView>();
  const slow: string[] = [];
  unique.forEach((p, i) => {
    const lobbyId = lobbyIds[i];
    if (!lobbyId) return void out.set(p, { state: 'none' });
    const lobby = lobbies.get(lobbyId) as LobbyRow;
    const at = entryOf(lobby);
    const entry = at ? entries.get(`${at.mode} ${at.ticket}`) : undefined;
    const pm = at && entry?.pm ? pms.get(`${at.mode} ${entry.pm}`) : undefined;
    const view = compose(p, lobbyId, lobby, entry, pm);
    if (view === 'repair' || view === 'retry') slow.push(p);
    else out.set(p, view);
  });
  for (const p of slow) out.set(p, await getPlayerMatchView(redis, p, now));
  return out;
}
