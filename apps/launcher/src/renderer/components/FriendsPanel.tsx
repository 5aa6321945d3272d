import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Friend, Presence } from '@glaceon/protocol';
import { useApp } from '../store/context.js';
import { PRESENCE_LABEL, PRESENCE_ORDER } from './format.js';
import { Alert, Avatar, Empty, Spinner } from './ui.js';
import { NetButton } from './NetButton.js';
import { t } from '../strings.js';
import { BlockButton } from './BlockButton.js';
import { maxParty } from '../store/catalog-slice.js';

function AddFriend() {
  const [name, setName] = useState('');
  const adding = useApp((s) => s.friends.adding);
  const error = useApp((s) => s.friends.addError);
  const notice = useApp((s) => s.friends.addNotice);
  const add = useApp((s) => s.addFriend);
  const clearNotice = useApp((s) => s.clearFriendNotice);
  // A success note is news, not state: it fades after a few seconds.
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(clearNotice, 6000);
    return () => clearTimeout(id);
  }, [notice, clearNotice]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await add(name);
    setName('');
  };
  return (
    <form className="add-friend" onSubmit={(e) => void submit(e)}>
      <label className="sr-only" htmlFor="add-friend-name">
        {t.friends.addLabel}
      </label>
      <input id="add-friend-name" placeholder={t.friends.addPlaceholder} value={name} onChange={(e) => setName(e.target.value)} maxLength={20} />
      <NetButton type="submit" busy={adding} disabled={!name.trim()}>
        {t.friends.add}
      </NetButton>
      {error && <Alert tone="error">{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
    </form>
  );
}

/** One person in a list: avatar, name and a short note, then the row's actions. */
function PersonRow(props: { name: string; presence?: Presence; note: ReactNode; noteClass?: string; rowClass?: string; children: ReactNode }) {
  return (
    <li className={props.rowClass ? `list-row ${props.rowClass}` : 'list-row'}>
      <Avatar name={props.name} presence={props.presence} />
      <span className="grow">
        <span className="name">{props.name}</span>
        <span className={props.noteClass ?? 'muted small'}>{props.note}</span>
      </span>
      {props.children}
    </li>
  );
}

/**
 * What this player can do with a friend's lobby from the list: invite them into mine (I am in an
 * idle lobby with room, they are online or in another idle lobby), or ask to join theirs (they are
 * in a lobby, I am in none). Otherwise nothing.
 */
function LobbyAction({ friend }: { friend: Friend }) {
  const { inLobby, canInvite, theyAreHere } = useApp(
    useShallow((s) => {
      const l = s.lobby.current;
      const max = (l && maxParty(s.catalog.queues.find((q) => q.id === l.mode))) ?? 0;
      return {
        inLobby: l !== null,
        canInvite: l !== null && l.state === 'idle' && l.members.length < max,
        theyAreHere: l !== null && l.members.some((m) => m.id === friend.id),
      };
    }),
  );
  const invited = useApp((s) => s.lobby.invited.includes(friend.id));
  const asked = useApp((s) => s.friends.asked.includes(friend.id));
  const busy = useApp((s) => s.friends.busy.includes(friend.id));
  const invite = useApp((s) => s.inviteFriend);
  const ask = useApp((s) => s.askToJoin);
  if (inLobby) {
    // Only someone who could join now: online, or idle in another lobby (accepting moves them). In a queue or a game they cannot.
    if (!canInvite || theyAreHere || (friend.presence !== 'online' && friend.presence !== 'in_lobby')) return null;
    return (
      <NetButton className="btn-sm" disabled={invited} aria-label={t.friends.inviteToLobbyName(friend.name)} onClick={() => void invite(friend.id)}>
        {invited ? t.friends.invited : t.friends.inviteToLobby}
      </NetButton>
    );
  }
  if (friend.presence !== 'in_lobby') return null;
  return (
    <NetButton className="btn-sm" busy={busy} disabled={asked} aria-label={t.friends.askToJoinName(friend.name)} onClick={() => void ask(friend.id)}>
      {asked ? t.friends.asked : t.friends.askToJoin}
    </NetButton>
  );
}

function FriendRow({ friend }: { friend: Friend }) {
  const busy = useApp((s) => s.friends.busy.includes(friend.id));
  const answer = useApp((s) => s.answerFriend);
  const openProfile = useApp((s) => s.openProfile);
  const openMessages = useApp((s) => s.openMessages);
  return (
    <PersonRow
      name={friend.name}
      presence={friend.presence}
      note={PRESENCE_LABEL[friend.presence]}
      noteClass={`small presence-text presence-text-${friend.presence}`}
      rowClass="friend-row"
    >
      <span className="friend-actions">
        <LobbyAction friend={friend} />
        <button type="button" className="link small" aria-label={t.friends.viewProfile(friend.name)} onClick={() => void openProfile(friend.id)}>
          {t.friends.profile}
        </button>
        <button type="button" className="link small" aria-label={t.friends.messageName(friend.name)} onClick={() => void openMessages(friend.id)}>
          {t.friends.message}
        </button>
        <BlockButton playerId={friend.id} name={friend.name} className="row-hover" />
      </span>
      <button
        type="button"
        className="icon-btn row-hover"
        disabled={busy}
        aria-label={t.friends.remove(friend.name)}
        title={t.friends.removeTitle}
        onClick={() => void answer(friend.id, 'remove')}
      >
        ×
      </button>
    </PersonRow>
  );
}

/** News about asking to join (sent, accepted, declined); it fades like the add-friend note. */
function AskNotice() {
  const notice = useApp((s) => s.friends.askNotice);
  const clear = useApp((s) => s.clearAskNotice);
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(clear, 8000);
    return () => clearTimeout(id);
  }, [notice, clear]);
  return notice ? <Alert tone="info">{notice}</Alert> : null;
}

export function FriendsPanel() {
  const view = useApp((s) => s.friends.view);
  const error = useApp((s) => s.friends.error);
  const realm = useApp((s) => s.connection.realm);
  const busy = useApp(useShallow((s) => s.friends.busy));
  const answer = useApp((s) => s.answerFriend);
  const friends = view ? [...view.friends].sort((a, b) => PRESENCE_ORDER[a.presence]! - PRESENCE_ORDER[b.presence]! || a.name.localeCompare(b.name)) : [];
  const online = friends.filter((f) => f.presence !== 'offline').length;

  return (
    <aside className="friends" id="friends-panel" aria-label={t.friends.title}>
      <header className="friends-header">
        <h2>{t.friends.title}</h2>
        {view && <span className="muted small">{t.friends.counts(online, friends.length)}</span>}
      </header>
      <AddFriend />
      <AskNotice />
      {error && <Alert tone="error">{error}</Alert>}
      {!view ? (
        realm === 'online' || realm === 'connecting' ? (
          <Spinner label={t.friends.loading} />
        ) : (
          <Empty title={t.friends.unavailableTitle}>{t.friends.unavailableBody}</Empty>
        )
      ) : (
        <div className="friends-scroll">
          {view.incoming.length > 0 && (
            <section aria-label={t.friends.requestsSection}>
              <h3 className="section-title">{t.friends.requests(view.incoming.length)}</h3>
              <ul className="list">
                {view.incoming.map((r) => (
                  <PersonRow key={r.id} name={r.name} note={t.friends.wantsToBeFriends} rowClass="request-row">
                    <span className="request-actions">
                      <NetButton
                        variant="success"
                        className="btn-sm"
                        disabled={busy.includes(r.id)}
                        onClick={() => void answer(r.id, 'accept')}
                        aria-label={t.friends.acceptName(r.name)}
                      >
                        {t.friends.accept}
                      </NetButton>
                      <NetButton
                        variant="ghost"
                        className="btn-sm"
                        disabled={busy.includes(r.id)}
                        onClick={() => void answer(r.id, 'decline')}
                        aria-label={t.friends.declineName(r.name)}
                      >
                        {t.friends.decline}
                      </NetButton>
                    </span>
                  </PersonRow>
                ))}
              </ul>
            </section>
          )}
          <section aria-label={t.friends.listSection}>
            <h3 className="section-title">{t.friends.title}</h3>
            {friends.length === 0 ? (
              <Empty title={t.friends.emptyTitle}>{t.friends.emptyBody}</Empty>
            ) : (
              <ul className="list">
                {friends.map((f) => (
                  <FriendRow key={f.id} friend={f} />
                ))}
              </ul>
            )}
          </section>
          {view.outgoing.length > 0 && (
            <section aria-label={t.friends.sentSection}>
              <h3 className="section-title">{t.friends.sent(view.outgoing.length)}</h3>
              <ul className="list">
                {view.outgoing.map((r) => (
                  <PersonRow key={r.id} name={r.name} note={t.friends.pending}>
                    <NetButton
                      variant="ghost"
                      disabled={busy.includes(r.id)}
                      onClick={() => void answer(r.id, 'cancel')}
                      aria-label={t.friends.cancelName(r.name)}
                    >
                      {t.friends.cancel}
                    </NetButton>
                  </PersonRow>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </aside>
  );
}
