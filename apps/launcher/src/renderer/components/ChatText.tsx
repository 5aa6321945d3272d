import type { LobbyChatLine } from '@glaceon/protocol';
import { t } from '../strings.js';

/**
 * What a line says, as plain React text: a player's words are a string child
 * (React escapes it; nothing is parsed as HTML or markdown), a system line is
 * worded from its event and names.
 */
export function chatLineText(line: LobbyChatLine): string {
  if (line.kind === 'message') return line.text ?? '';
  const who = line.from.name;
  switch (line.event) {
    case 'kicked':
      return t.chat.system.kicked(who, line.by?.name ?? '');
    case undefined:
      return '';
    default:
      return t.chat.system[line.event](who);
  }
}

export function timeOf(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
