import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context.js';
import { Alert, Avatar, Button, Card, Empty, Spinner } from '../components/ui.js';
import { ChatComposer } from '../components/ChatComposer.js';
import { BlockButton } from '../components/BlockButton.js';
import { timeOf } from '../components/ChatText.js';
import { t } from '../strings.js';
import '../styles/chat.css';

function ConversationList() {
  const { conversations, loading, error, open } = useApp(
    useShallow((s) => ({ conversations: s.messages.conversations, loading: s.messages.loading, error: s.messages.error, open: s.messages.open })),
  );
  const openConversation = useApp((s) => s.openConversation);
  const reload = useApp((s) => s.loadConversations);
  if (!conversations) {
    if (error)
      return (
        <Alert tone="error">
          {error}{' '}
          <Button variant="ghost" className="btn-sm" onClick={() => void reload()}>
            {t.messages.retry}
          </Button>
        </Alert>
      );
    return loading ? <Spinner label={t.messages.loading} /> : <Empty title={t.messages.emptyTitle}>{t.messages.emptyBody}</Empty>;
  }
  if (conversations.length === 0) return <Empty title={t.messages.emptyTitle}>{t.messages.emptyBody}</Empty>;
  return (
    <ul className="list conversation-list" aria-label={t.messages.conversations}>
      {conversations.map((c) => (
        <li key={c.player.id}>
          <button
            type="button"
            className={`conversation-item ${open === c.player.id ? 'is-active' : ''}`}
            aria-current={open === c.player.id ? 'true' : undefined}
            onClick={() => void openConversation(c.player.id)}
          >
            <Avatar name={c.player.name} />
            <span className="grow">
              <span className="name">{c.player.name}</span>
              <span className="muted small conversation-last">{c.last?.text ?? ''}</span>
            </span>
            {c.unread > 0 && (
              <span className="badge badge-unread" aria-label={t.messages.unread(c.unread)}>
                {c.unread}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Conversation({ playerId }: { playerId: string }) {
  const me = useApp((s) => s.session.me?.id);
  const conv = useApp((s) => s.messages.conversations?.find((c) => c.player.id === playerId));
  const history = useApp((s) => s.messages.history[playerId]);
  const { historyLoading, historyError, sending, sendError } = useApp(
    useShallow((s) => ({
      historyLoading: s.messages.historyLoading,
      historyError: s.messages.historyError,
      sending: s.messages.sending,
      sendError: s.messages.sendError,
    })),
  );
  const isFriend = useApp((s) => s.friends.view?.friends.some((f) => f.id === playerId) ?? false);
  const send = useApp((s) => s.sendMessage);
  const openConversation = useApp((s) => s.openConversation);
  const logRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [history?.length]);
  const name = conv?.player.name ?? '';
  return (
    <section className="chat conversation" aria-label={t.messages.conversationWith(name)}>
      <header className="row-between">
        <h2 className="card-title">{name}</h2>
        <span className="row">
          <button type="button" className="link small compact-only" onClick={() => void openConversation(null)}>
            {t.messages.back}
          </button>
          {name && <BlockButton playerId={playerId} name={name} />}
        </span>
      </header>
      {!history && historyLoading ? (
        <Spinner label={t.messages.historyLoading} />
      ) : !history && historyError ? (
        <Alert tone="error">
          {historyError}{' '}
          <Button variant="ghost" className="btn-sm" onClick={() => void openConversation(playerId)}>
            {t.messages.retry}
          </Button>
        </Alert>
      ) : !history || history.length === 0 ? (
        <p className="muted">{t.messages.noMessagesYet}</p>
      ) : (
        <div className="chat-log" role="log" aria-live="polite" aria-label={t.messages.conversationWith(name)} ref={logRef} tabIndex={0}>
          <ol className="chat-lines">
            {history.map((m) => (
              <li key={m.id} className={`chat-line ${m.from === me ? 'is-mine' : ''}`}>
                <span className="chat-time muted">{timeOf(m.at)}</span> <span className="chat-author">{m.from === me ? t.messages.you : name}</span>{' '}
                <span className="chat-text">{m.text}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
      {isFriend ? (
        <ChatComposer
          id="dm-input"
          label={t.messages.inputLabel(name)}
          placeholder={t.messages.placeholder}
          sendLabel={t.messages.send}
          sending={sending}
          send={send}
        />
      ) : (
        <p className="muted small">{t.messages.notFriends}</p>
      )}
      {sendError && <Alert tone="error">{sendError}</Alert>}
    </section>
  );
}

/** Direct messages: the conversation list (unread counts) beside the open conversation. */
export function MessagesScreen() {
  const open = useApp((s) => s.messages.open);
  const blockError = useApp((s) => s.blocks.error);
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>{t.messages.title}</h1>
      </header>
      {blockError && <Alert tone="error">{blockError}</Alert>}
      <div className={`messages-grid ${open ? 'has-open' : ''}`}>
        <Card title={t.messages.conversations} className="messages-list">
          <ConversationList />
        </Card>
        <Card className="messages-view">{open ? <Conversation playerId={open} /> : <Empty title={t.messages.pickTitle}>{t.messages.pickBody}</Empty>}</Card>
      </div>
    </div>
  );
}
