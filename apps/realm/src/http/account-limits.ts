/**
 * Per-account limits on actions that write keys (#12 item 9): lobby
 * create/leave/kick, invite rotation, direct invites. Counted per account in
 * Redis (every instance shares them), so one account cannot churn keys from
 * many addresses; per-address limits (@fastify/rate-limit) stay where they are.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { hitLimit } from '@glaceon/store';
import type { RealmConfig } from '../config.js';
import { rateLimited } from '../plugins/errors.js';

export type AccountAction = keyof RealmConfig['accountLimits'];

/** Count one `action` of `playerId`; over the limit, RATE_LIMITED with retry-after (the action does not happen). */
export async function limitAccount(app: FastifyInstance, reply: FastifyReply, playerId: string, action: AccountAction): Promise<void> {
  const rule = app.config.accountLimits[action];
  const hit = await hitLimit(app.redis, `acct-${action}`, playerId, rule.windowMs);
  if (hit.count > rule.max) {
    reply.header('retry-after', String(Math.max(1, Math.ceil(hit.resetInMs / 1000))));
    throw rateLimited(hit.resetInMs);
  }
}
