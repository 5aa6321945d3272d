/** The chat domain's script, declared once, and its error table (conventions: docs/redis.md). */
import { bindScripts, loadLua, type ErrorTable } from '../lua.js';

export const chatScripts = bindScripts({
  appendLobby: loadLua('chat/append-lobby', 2),
});

export const CHAT_ERRORS = {
  'append-lobby': { [-2]: 'NOT_FOUND', [-3]: 'NOT_IN_LOBBY' },
} as const satisfies ErrorTable;
