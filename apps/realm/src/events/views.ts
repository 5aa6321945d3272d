/** Read models pushed to clients: the friends view, presence, the snapshot. */
import { PROTOCOL_VERSION, type FriendsView, type Lobby, type Presence, type RealmSnapshot } from '@glaceon/protocol';
import {
  getAccountNames,
  getAnnouncedPresence,
  getFriendGraph,
  getPlayerLobby,
  listDirectInvites,
  listJoinRequests,
  onlinePlayers,
  type RedisClient,
} from '@glaceon/store';

export async function friendsView(redis: RedisClient, playerId: string): Promise<FriendsView> {
  const g = await getFriendGraph(redis, playerId);
  const ids = [...new Set([...g.friends.keys(), ...g.incoming.keys(), ...g.outgoing.keys(), ...g.blocked.keys()])];
  const [names, presence] = await Promise.all([getAccountNames(redis, ids), getAnnouncedPresence(redis, [...g.friends.keys()])]);
  const list = (m: Map<string, number>) =>
    [...m]
      .filter(([id]) => names.has(id))
      .map(([id, at]) => ({ id, name: names.get(id)!, at }))
      .sort((a, b) => a.at - b.at);
  return {
    friends: [...g.friends]
      .filter(([id]) => names.has(id))
      .map(([id, since]) => ({ id, name: names.get(id)!, presence: presence.get(id) ?? 'offline', since }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    incoming: list(g.incoming),
    outgoing: list(g.outgoing),
    blocked: list(g.blocked),
  };
}

/** Presence derived from liveness and the lobby's state (Coral's field). */
export function presenceOf(online: boolean, lobby: Lobby | null): Presence {
  if (!online) return 'offline';
  if (!lobby) return 'online';
  switch (lobby.state) {
    case 'idle':
      return 'in_lobby';
    case 'queued':
    case 'prematch':
      return 'in_queue';
    case 'ingame':
      return 'in_game';
  }
}

export async function buildSnapshot(
  redis: RedisClient,
  me: { playerId: string; name: string },
  coralUrl: string,
  id: string | undefined,
): Promise<RealmSnapshot> {
  const [friends, lobby, invites] = await Promise.all([
    friendsView(redis, me.playerId),
    getPlayerLobby(redis, me.playerId),
    listDirectInvites(redis, me.playerId),
  ]);
  const snapshot: RealmSnapshot = {
    type: 'snapshot',
    version: PROTOCOL_VERSION,
    me: { id: me.playerId, name: me.name },
    friends,
    lobby,
    coralUrl,
    invites,
    at: Date.now(),
  };
  if (lobby) {
    snapshot.lobbyOnline = await lobbyOnline(redis, lobby);
    if (lobby.host === me.playerId) snapshot.joinRequests = await listJoinRequests(redis, lobby.id);
  }
  if (id !== undefined) snapshot.id = id;
  return snapshot;
}

/** Members of the lobby whose launcher is connected now (a live event socket on any instance); see docs/decisions/party-001. */
export async function lobbyOnline(redis: RedisClient, lobby: Lobby): Promise<string[]> {
  const online = await onlinePlayers(
    redis,
    lobby.members.map((m) => m.id),
  );
  return lobby.members.map((m) => m.id).filter((id) => online.has(id));
}
