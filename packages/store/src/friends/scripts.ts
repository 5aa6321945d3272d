/** The friends domain's scripts, declared once, and its error table (conventions: docs/redis.md). */
import { bindScripts, loadLua, type ErrorTable } from '../lua.js';

export const friendScripts = bindScripts({
  sendRequest: loadLua('friends/send-request', 4),
  receiveRequest: loadLua('friends/receive-request', 4),
  accept: loadLua('friends/accept', 4),
  befriend: loadLua('friends/befriend', 4),
});

export const FRIEND_ERRORS = {
  'send-request': { [-13]: 'BLOCKED', [-14]: 'ALREADY_FRIENDS', [-15]: 'REQUEST_EXISTS' },
  'receive-request': { [-13]: 'BLOCKED', [-14]: 'ALREADY_FRIENDS' },
  accept: { [-2]: 'NOT_FOUND' },
  befriend: { [-13]: 'BLOCKED' },
} as const satisfies ErrorTable;
