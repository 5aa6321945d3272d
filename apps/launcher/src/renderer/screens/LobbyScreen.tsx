import { QUEUE_MODES, QUEUE_MODE_IDS, isQueueModeId } from '@glaceon/protocol';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Alert, Avatar, Button, Card, Empty } from '../components/ui.js';
import { NetButton } from '../components/NetButton.js';
import { ResultBanner } from '../components/ResultBanner.js';
import { modeLabel, PRESENCE_LABEL } from '../components/format.js';
import { describeIdleReason } from '../store/idle-reasons.js';
import { useApp, useAppStore } from '../store/context.js';
import { askNotificationPermission } from '../attention.js';

function InvitePanel({ isHost }: { isHost: boolean }) {
  const invite = useApp((s) => s.lobby.invite);
  const busy = useApp((s) => s.lobby.busy);
  const rotate = useApp((s) => s.rotateInvite);
  const [copied, setCopied] = useState<'ok' | 'fail' | null>(null);
  const copy = async () => {
    if (!invite) return;
    try {
      await navigator.clipboard.writeText(invite.link);
      setCopied('ok');
    } catch {
      setCopied('fail');
    }
  };
  if (!isHost) return <p className="muted">Only the host can share invite links.</p>;
  return (
    <div className="invite-link">
      {invite ? (
        <>
          <label className="field">
            <span className="field-label">Invite link</span>
            <input readOnly value={invite.link} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
          </label>
          <div className="row">
            <Button variant="primary" onClick={() => void copy()}>
              Copy invite link
            </Button>
            <NetButton variant="ghost" busy={busy} onClick={() => void rotate()}>
              New link
            </NetButton>
            <span className="muted small" aria-live="polite">
              {copied === 'ok' ? 'Copied to the clipboard.' : copied === 'fail' ? 'Could not copy: select the link and copy it.' : ''}
            </span>
          </div>
        </>
      ) : (
        <div className="row">
          <span className="muted">Make a link anyone can join with.</span>
          <NetButton busy={busy} onClick={() => void rotate()}>
            Create invite link
          </NetButton>
        </div>
      )}
    </div>
  );
}

function InviteFriends({ lobbyFull }: { lobbyFull: boolean }) {
  const friends = useApp(useShallow((s) => s.friends.view?.friends ?? []));
  const members = useApp(useShallow((s) => s.lobby.current?.members.map((m) => m.id) ?? []));
  const invited = useApp((s) => s.lobby.invited);
  const invite = useApp((s) => s.inviteFriend);
  const candidates = friends.filter((f) => !members.includes(f.id) && f.presence !== 'offline');
  if (lobbyFull) return <Empty title="The lobby is full">Pick a larger mode to bring more friends.</Empty>;
  if (candidates.length === 0) {
    const allHere = friends.some((f) => members.includes(f.id));
    return allHere ? (
      <Empty title="Everyone online is already here">Friends who come online appear here.</Empty>
    ) : (
      <Empty title="No friends online to invite">Friends who are online appear here.</Empty>
    );
  }
  return (
    <ul className="list" aria-label="Invite friends">
      {candidates.map((f) => (
        <li key={f.id} className="list-row">
          <Avatar name={f.name} presence={f.presence} />
          <span className="grow">
            <span className="name">{f.name}</span>
            <span className="muted small">{PRESENCE_LABEL[f.presence]}</span>
          </span>
          <NetButton disabled={lobbyFull || invited.includes(f.id)} onClick={() => void invite(f.id)} aria-label={`Invite ${f.name}`}>
            {invited.includes(f.id) ? 'Invited' : 'Invite'}
          </NetButton>
        </li>
      ))}
    </ul>
  );
}

export function LobbyScreen() {
  const lobby = useApp((s) => s.lobby.current);
  const me = useApp((s) => s.session.me?.id);
  const busy = useApp((s) => s.lobby.busy);
  const error = useApp((s) => s.lobby.error);
  const queueError = useApp((s) => s.queue.error);
  const notice = useApp((s) => s.queue.notice);
  const queueBusy = useApp((s) => s.queue.busy);
  const hasResult = useApp((s) => s.game.lastResult !== null);
  const coral = useApp((s) => s.connection.coral);
  const store = useAppStore();
  const { setMode, leaveLobby, startQueue } = useApp(useShallow((s) => ({ setMode: s.setMode, leaveLobby: s.leaveLobby, startQueue: s.startQueue })));
  if (!lobby) return null;
  const isHost = lobby.host === me;
  const host = lobby.members.find((m) => m.id === lobby.host);
  const maxSize = isQueueModeId(lobby.mode) ? QUEUE_MODES[lobby.mode].maxPartySize : lobby.members.length;
  const openSlots = Math.max(0, maxSize - lobby.members.length);
  // One notice at a time: a fresh notice, else the result banner, else why the lobby is idle.
  const idleReason =
    notice ?? (!hasResult && lobby.idleReason && lobby.idleReason !== 'game_over' ? describeIdleReason(lobby.idleReason, false, isHost) : null);

  return (
    <div className="screen">
      <header className="screen-header row-between">
        <div>
          <h1>{isHost ? 'Your lobby' : `${host?.name ?? 'The host'}'s lobby`}</h1>
          <p className="muted">
            {modeLabel(lobby.mode)} · {lobby.members.length} of {maxSize} players
          </p>
        </div>
        <NetButton variant="ghost" busy={busy} onClick={() => void leaveLobby()}>
          Leave lobby
        </NetButton>
      </header>
      <ResultBanner />
      {idleReason && <Alert tone="info">{idleReason}</Alert>}
      {(error || queueError) && <Alert tone="error">{error ?? queueError}</Alert>}
      <div className="grid-2">
        <Card title="Party">
          <ul className="list" aria-label="Lobby members">
            {lobby.members.map((m) => (
              <li key={m.id} className="list-row">
                <Avatar name={m.name} />
                <span className="grow">
                  <span className="name">
                    {m.name}
                    {m.id === me && <span className="muted"> (you)</span>}
                  </span>
                </span>
                {m.id === lobby.host && <span className="badge badge-host">Host</span>}
              </li>
            ))}
            {Array.from({ length: openSlots }, (_, i) => (
              <li key={`open-${i}`} className="list-row slot-open" aria-label="Open slot">
                <span className="avatar avatar-empty" aria-hidden="true" />
                <span className="muted">Open slot</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Mode">
          <div className="segmented" role="radiogroup" aria-label="Queue mode">
            {QUEUE_MODE_IDS.map((id) => {
              const tooBig = lobby.members.length > QUEUE_MODES[id].maxPartySize;
              return (
                <button
                  key={id}
                  type="button"
                  role="radio"
                  aria-checked={lobby.mode === id}
                  disabled={!isHost || busy || tooBig}
                  className={`segment ${lobby.mode === id ? 'is-selected' : ''}`}
                  onClick={() => void setMode(id)}
                  title={tooBig ? 'Your party is too large for this mode' : undefined}
                >
                  {QUEUE_MODES[id].label}
                </button>
              );
            })}
          </div>
          {!isHost && <p className="muted small">The host picks the mode.</p>}
          <div className="play-row">
            {isHost ? (
              <NetButton
                variant="primary"
                className="btn-lg"
                busy={queueBusy}
                disabled={coral !== 'online'}
                onClick={() => {
                  // A sensible moment to ask: the player is about to wait for a match.
                  askNotificationPermission(store);
                  void startQueue();
                }}
              >
                Find match
              </NetButton>
            ) : (
              <p className="muted">Waiting for {host?.name ?? 'the host'} to start the queue…</p>
            )}
            {isHost && coral !== 'online' && <p className="muted small">Connecting to matchmaking…</p>}
          </div>
        </Card>
      </div>
      <div className="grid-2">
        <Card title="Share a link">
          <InvitePanel isHost={isHost} />
        </Card>
        <Card title="Invite friends">
          <InviteFriends lobbyFull={openSlots === 0} />
        </Card>
      </div>
    </div>
  );
}
