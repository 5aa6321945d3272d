import { useEffect, useRef } from 'react';
import { useApp } from '../store/context.js';
import { Alert, Button, Empty, Spinner } from './ui.js';
import { ChatComposer } from './ChatComposer.js';
import { BlockButton } from './BlockButton.js';
import { chatLineText, timeOf } from './ChatText.js';
import { t } from '../strings.js';
import '../styles/chat.css';

/** The lobby's chat: the log (newest at the bottom, announced politely), then the input. Enter sends, Shift+Enter is a new line. */
export function LobbyChat() {
  const chat = useApp((s) => s.chat);
  const me = useApp((s) => s.session.me?.id);
  const blocked = useApp((s) => s.friends.view?.blocked);
  const send = useApp((s) => s.sendLobbyChat);
  const reload = useApp((s) => s.loadLobbyChat);
  const logRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [chat.lines.length]);

  const blockedIds = new Set((blocked ?? []).map((b) => b.id));

  return (
    <section className="chat" aria-label={t.chat.title}>
      {chat.loading && chat.lines.length === 0 ? (
        <Spinner label={t.chat.loading} />
      ) : chat.error && chat.lines.length === 0 ? (
        <Alert tone="error">
          {chat.error}{' '}
          <Button variant="ghost" className="btn-sm" onClick={() => void reload()}>
            {t.chat.retry}
          </Button>
        </Alert>
      ) : chat.lines.length === 0 ? (
        <Empty title={t.chat.emptyTitle}>{t.chat.emptyBody}</Empty>
      ) : (
        <div className="chat-log" role="log" aria-live="polite" aria-label={t.chat.log} ref={logRef} tabIndex={0}>
          <ol className="chat-lines">
            {chat.lines
              .filter((line) => !(line.kind === 'message' && blockedIds.has(line.from.id)))
              .map((line) =>
                line.kind === 'system' ? (
                  <li key={line.id} className="chat-line chat-system" data-event={line.event}>
                    <span className="chat-time muted">{timeOf(line.at)}</span> <span>{chatLineText(line)}</span>
                  </li>
                ) : (
                  <li key={line.id} className={`chat-line ${line.from.id === me ? 'is-mine' : ''}`}>
                    <span className="chat-time muted">{timeOf(line.at)}</span> <span className="chat-author">{line.from.name}</span>{' '}
                    <span className="chat-text">{chatLineText(line)}</span>
                    {line.from.id !== me && <BlockButton playerId={line.from.id} name={line.from.name} className="row-hover" />}
                  </li>
                ),
              )}
          </ol>
        </div>
      )}
      <ChatComposer
        id="lobby-chat-input"
        label={t.chat.inputLabel}
        placeholder={t.chat.placeholder}
        sendLabel={t.chat.send}
        sending={chat.sending}
        send={send}
      />
      {chat.sendError && <Alert tone="error">{chat.sendError}</Alert>}
    </section>
  );
}
