import { CHAT_MAX_LENGTH } from '@glaceon/protocol';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { NetButton } from './NetButton.js';
import { t } from '../strings.js';

/**
 * The one chat input (party chat and direct messages): a labelled textarea bounded to the
 * protocol's length, a character counter announced near the limit, and Send. Enter sends,
 * Shift+Enter is a new line; the text is cleared only once the send succeeded.
 */
export function ChatComposer(props: {
  id: string;
  label: string;
  placeholder: string;
  sendLabel: string;
  sending: boolean;
  send: (text: string) => Promise<boolean>;
}) {
  const { id, label, placeholder, sendLabel, sending, send } = props;
  const [text, setText] = useState('');
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (await send(text)) setText('');
  };
  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void submit();
    }
  };
  return (
    <form className="chat-form" onSubmit={(e) => void submit(e)}>
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        rows={1}
        value={text}
        maxLength={CHAT_MAX_LENGTH}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        aria-describedby={`${id}-count`}
      />
      <span id={`${id}-count`} className="muted small chat-count" aria-hidden={text.length < CHAT_MAX_LENGTH - 50}>
        {t.chat.counter(text.length, CHAT_MAX_LENGTH)}
      </span>
      <NetButton type="submit" busy={sending} disabled={!text.trim()}>
        {sendLabel}
      </NetButton>
    </form>
  );
}
