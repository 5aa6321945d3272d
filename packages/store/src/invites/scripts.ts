/** The invites domain's scripts, declared once, and its error table (conventions: docs/redis.md). */
import { bindScripts, loadLua, type ErrorTable } from '../lua.js';

export const inviteScripts = bindScripts({
  useInvite: loadLua('invites/use-invite', 1),
  refundInvite: loadLua('invites/refund-invite', 1),
  revokeInvite: loadLua('invites/revoke-invite', 1),
  directInvite: loadLua('invites/direct-invite', 1),
});

export const INVITE_ERRORS = {
  'use-invite': { [-8]: 'INVITE_REVOKED', [-10]: 'INVITE_INVALID', [-11]: 'INVITE_EXPIRED', [-12]: 'INVITE_USED_UP' },
  'direct-invite': { [-1]: { code: 'RATE_LIMITED', message: 'This player has too many pending invites; try again later.' } },
} as const satisfies ErrorTable;
