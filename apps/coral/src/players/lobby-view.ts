import type { CoralLobbyView, Lobby } from '@glaceon/protocol';

/** The Coral view of a Realm lobby (what `lobby.updated` carries). */
export function lobbyView(lobby: Lobby): CoralLobbyView {
  return {
    id: lobby.id,
    host: lobby.host,
    mode: lobby.mode,
    members: lobby.members.map((m) => ({ id: m.id, name: m.name })),
    state: lobby.state,
    ...(lobby.state === 'idle' && lobby.idleReason ? { idleReason: lobby.idleReason } : {}),
    ...(lobby.state === 'idle' && lobby.idleBy && lobby.idleBy.length > 0 ? { idleBy: lobby.idleBy } : {}),
    stateSince: lobby.stateSince,
    version: lobby.version,
  };
}
