import { useCallback, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Alert, Avatar, Button, Card, Empty } from '../components/ui.js';
import { NetButton } from '../components/NetButton.js';
import { ResultBanner } from '../components/ResultBanner.js';
import { PRESENCE_LABEL } from '../components/format.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { useQueueList } from '../components/queues.js';
import { maxParty, queueName } from '../store/catalog-slice.js';
import { culpritsOf, describeIdleReason } from '../store/idle-reasons.js';
import { useApp, useAppStore } from '../store/context.js';
import { askNotificationPermission } from '../attention.js';
import { LobbyChat } from '../components/LobbyChat.js';
import { t } from '../strings.js';

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
  if (!isHost) return <p className="muted">{t.lobby.hostOnlyInvites}</p>;
  return (
    <div className="invite-link">
      {invite ? (
        <>
          <label className="field">
            <span className="field-label">{t.lobby.inviteLink}</span>
            <input readOnly value={invite.link} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
          </label>
          <div className="row">
            <Button variant="primary" onClick={() => void copy()}>
              {t.lobby.copyInviteLink}
            </Button>
            <NetButton variant="ghost" busy={busy} onClick={() => void rotate()}>
              {t.lobby.newLink}
            </NetButton>
            <span className="muted small" aria-live="polite">
              {copied === 'ok' ? t.lobby.copied : copied === 'fail' ? t.lobby.copyFailed : ''}
            </span>
          </div>
        </>
      ) : (
        <div className="row">
          <span className="muted">{t.lobby.makeLink}</span>
          <NetButton busy={busy} onClick={() => void rotate()}>
            {t.lobby.createInviteLink}
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
  if (lobbyFull) return <Empty title={t.lobby.fullTitle}>{t.lobby.fullBody}</Empty>;
  if (candidates.length === 0) {
    const allHere = friends.some((f) => members.includes(f.id));
    return allHere ? (
      <Empty title={t.lobby.allHereTitle}>{t.lobby.allHereBody}</Empty>
    ) : (
      <Empty title={t.lobby.noneOnlineTitle}>{t.lobby.noneOnlineBody}</Empty>
    );
  }
  return (
    <ul className="list" aria-label={t.lobby.inviteFriends}>
      {candidates.map((f) => (
        <li key={f.id} className="list-row">
          <Avatar name={f.name} presence={f.presence} />
          <span className="grow">
            <span className="name">{f.name}</span>
            <span className="muted small">{PRESENCE_LABEL[f.presence]}</span>
          </span>
          <NetButton disabled={lobbyFull || invited.includes(f.id)} onClick={() => void invite(f.id)} aria-label={t.lobby.inviteFriend(f.name)}>
            {invited.includes(f.id) ? t.lobby.invited : t.lobby.invite}
          </NetButton>
        </li>
      ))}
    </ul>
  );
}

type HostAction = { kind: 'kick' | 'transfer'; playerId: string; name: string };

/** One member: connected or not (Realm's event sockets), host badge, and for the host, make-host and remove (each confirmed). */
function MemberRow({ member, isHost, onAction }: { member: { id: string; name: string }; isHost: boolean; onAction: (a: HostAction) => void }) {
  const me = useApp((s) => s.session.me?.id);
  const host = useApp((s) => s.lobby.current?.host);
  const online = useApp((s) => s.lobby.online);
  const busy = useApp((s) => s.lobby.memberBusy.includes(member.id));
  const idle = useApp((s) => s.lobby.current?.state === 'idle');
  const connected = online === null ? null : online.includes(member.id);
  const status = connected === null ? t.lobby.connectionUnknown : connected ? t.lobby.connected : t.lobby.disconnected;
  return (
    <li className={`list-row member-row ${connected === false ? 'is-disconnected' : ''}`} data-testid={`member-${member.name}`}>
      <Avatar name={member.name} />
      <span className="grow">
        <span className="name">
          {member.name}
          {member.id === me && <span className="muted"> {t.lobby.you}</span>}
        </span>
        <span className="member-status small">
          <span className={`dot dot-${connected === null ? 'connecting' : connected ? 'online' : 'offline'}`} aria-hidden="true" />
          <span className="muted">{status}</span>
        </span>
      </span>
      {member.id === host && <span className="badge badge-host">{t.lobby.host}</span>}
      {isHost && member.id !== me && (
        <span className="member-actions" role="group" aria-label={t.lobby.memberActions(member.name)}>
          <Button
            variant="ghost"
            className="btn-sm"
            disabled={busy || !idle}
            aria-label={t.lobby.makeHostName(member.name)}
            onClick={() => onAction({ kind: 'transfer', playerId: member.id, name: member.name })}
          >
            {t.lobby.makeHost}
          </Button>
          <Button
            variant="danger"
            className="btn-sm"
            disabled={busy || !idle}
            aria-label={t.lobby.kickName(member.name)}
            onClick={() => onAction({ kind: 'kick', playerId: member.id, name: member.name })}
          >
            {t.lobby.kick}
          </Button>
        </span>
      )}
    </li>
  );
}

/** The host's pending join requests (friends of the party who asked from their friends list). */
function JoinRequests({ lobbyFull }: { lobbyFull: boolean }) {
  const requests = useApp(useShallow((s) => s.lobby.joinRequests));
  const busy = useApp(useShallow((s) => s.lobby.memberBusy));
  const answer = useApp((s) => s.answerJoinRequest);
  if (requests.length === 0) return <Empty title={t.lobby.noJoinRequestsTitle}>{t.lobby.noJoinRequestsBody}</Empty>;
  return (
    <ul className="list" aria-label={t.lobby.joinRequests}>
      {requests.map((r) => (
        <li key={r.from.id} className="list-row request-row">
          <Avatar name={r.from.name} />
          <span className="grow">
            <span className="name">{r.from.name}</span>
            <span className="muted small">{t.lobby.wantsToJoin}</span>
          </span>
          <span className="request-actions">
            <NetButton
              variant="success"
              className="btn-sm"
              disabled={busy.includes(r.from.id) || lobbyFull}
              title={lobbyFull ? t.lobby.fullTitle : undefined}
              aria-label={t.lobby.acceptJoinName(r.from.name)}
              onClick={() => void answer(r.from.id, true)}
            >
              {t.lobby.acceptJoin}
            </NetButton>
            <NetButton
              variant="ghost"
              className="btn-sm"
              disabled={busy.includes(r.from.id)}
              aria-label={t.lobby.declineJoinName(r.from.name)}
              onClick={() => void answer(r.from.id, false)}
            >
              {t.lobby.declineJoin}
            </NetButton>
          </span>
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
  const names = useApp((s) => s.lobby.names);
  const lobbyNotice = useApp((s) => s.lobby.notice);
  const joinRequestCount = useApp((s) => s.lobby.joinRequests.length);
  const { kickMember, transferHost } = useApp(useShallow((s) => ({ kickMember: s.kickMember, transferHost: s.transferHost })));
  const [confirm, setConfirm] = useState<HostAction | null>(null);
  const closeConfirm = useCallback(() => setConfirm(null), []);
  const store = useAppStore();
  const queues = useQueueList();
  const { setMode, leaveLobby, startQueue } = useApp(useShallow((s) => ({ setMode: s.setMode, leaveLobby: s.leaveLobby, startQueue: s.startQueue })));
  if (!lobby) return null;
  const isHost = lobby.host === me;
  const host = lobby.members.find((m) => m.id === lobby.host);
  const maxSize = maxParty(queues.find((q) => q.id === lobby.mode)) ?? lobby.members.length;
  const openSlots = Math.max(0, maxSize - lobby.members.length);
  // One notice at a time: a fresh notice, else the result banner, else why the lobby is idle.
  const idleReason =
    notice ??
    (!hasResult && lobby.idleReason && lobby.idleReason !== 'game_over'
      ? describeIdleReason(lobby.idleReason, false, isHost, culpritsOf(lobby, me, names))
      : null);

  return (
    <div className="screen">
      <header className="screen-header row-between">
        <div>
          <h1>{isHost ? t.lobby.yourLobby : t.lobby.hostsLobby(host?.name ?? t.lobby.theHost)}</h1>
          <p className="muted">{t.lobby.summary(queueName(queues, lobby.mode), lobby.members.length, maxSize)}</p>
        </div>
        <NetButton variant="ghost" busy={busy} onClick={() => void leaveLobby()}>
          {t.lobby.leave}
        </NetButton>
      </header>
      <ResultBanner />
      {idleReason && <Alert tone="info">{idleReason}</Alert>}
      {lobbyNotice && <Alert tone="success">{lobbyNotice}</Alert>}
      {(error || queueError) && <Alert tone="error">{error ?? queueError}</Alert>}
      <div className="grid-2">
        <Card title={t.lobby.party}>
          <ul className="list" aria-label={t.lobby.members}>
            {lobby.members.map((m) => (
              <MemberRow key={m.id} member={m} isHost={isHost} onAction={setConfirm} />
            ))}
            {Array.from({ length: openSlots }, (_, i) => (
              <li key={`open-${i}`} className="list-row slot-open" aria-label={t.lobby.openSlot}>
                <span className="avatar avatar-empty" aria-hidden="true" />
                <span className="muted">{t.lobby.openSlot}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t.lobby.mode}>
          <div className="segmented" role="radiogroup" aria-label={t.lobby.queueMode}>
            {queues.map(({ id, name, partySizes }) => {
              const tooBig = lobby.members.length > Math.max(...partySizes);
              return (
                <button
                  key={id}
                  type="button"
                  role="radio"
                  aria-checked={lobby.mode === id}
                  disabled={!isHost || busy || tooBig}
                  className={`segment ${lobby.mode === id ? 'is-selected' : ''}`}
                  onClick={() => void setMode(id)}
                  title={tooBig ? t.lobby.partyTooLarge : undefined}
                >
                  {name}
                </button>
              );
            })}
          </div>
          {!isHost && <p className="muted small">{t.lobby.hostPicksMode}</p>}
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
                {t.lobby.findMatch}
              </NetButton>
            ) : (
              <p className="muted">{t.lobby.waitingForHost(host?.name ?? t.lobby.theHostLower)}</p>
            )}
            {isHost && coral !== 'online' && <p className="muted small">{t.lobby.connectingMatchmaking}</p>}
          </div>
        </Card>
      </div>
      <Card title={t.chat.title}>
        <LobbyChat />
      </Card>
      <div className="grid-2">
        <Card title={t.lobby.shareLink}>
          <InvitePanel isHost={isHost} />
        </Card>
        <Card title={t.lobby.inviteFriends}>
          <InviteFriends lobbyFull={openSlots === 0} />
        </Card>
      </div>
      {isHost && (
        <Card title={joinRequestCount > 0 ? t.lobby.joinRequestsCount(joinRequestCount) : t.lobby.joinRequests}>
          <JoinRequests lobbyFull={openSlots === 0} />
        </Card>
      )}
      {confirm && (
        <ConfirmDialog
          id={`${confirm.kind}:${confirm.playerId}`}
          title={confirm.kind === 'kick' ? t.lobby.confirmKickTitle(confirm.name) : t.lobby.confirmTransferTitle(confirm.name)}
          body={confirm.kind === 'kick' ? t.lobby.confirmKickBody : t.lobby.confirmTransferBody}
          confirm={confirm.kind === 'kick' ? t.lobby.confirmKick : t.lobby.confirmTransfer}
          cancel={t.lobby.cancel}
          tone={confirm.kind === 'kick' ? 'danger' : 'primary'}
          onCancel={closeConfirm}
          onConfirm={() => {
            const action = confirm;
            setConfirm(null);
            void (action.kind === 'kick' ? kickMember(action.playerId) : transferHost(action.playerId));
          }}
        />
      )}
    </div>
  );
}
