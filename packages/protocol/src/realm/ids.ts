import { Type, type TSchema } from '@sinclair/typebox';
import { ID_MAX_BODY, PlayerIdSchema } from '../common/ids.js';

export { PlayerIdSchema, LobbyIdSchema } from '../common/ids.js';

/**
 * A copy of a schema without its `$id`, for embedding: Fastify's ajv rejects
 * a schema in which one `$id` appears twice. Top-level schemas keep theirs.
 */
export function bare<T extends TSchema>(schema: T): T {
  const { $id: _drop, ...rest } = schema;
  return rest as T;
}

/** Direct invite ids: `inv_` plus random base64url. */
export const InviteIdSchema = Type.String({
  pattern: `^inv_[A-Za-z0-9_-]{1,${ID_MAX_BODY}}$`,
  maxLength: 4 + ID_MAX_BODY,
  description: 'Direct invite id (inv_…)',
});
/** Display names: 3-20 characters, letters, digits, `_`, `-`, `.`; unique ignoring case. */
export const DisplayNameSchema = Type.String({ pattern: '^[A-Za-z0-9_.-]{3,20}$', description: 'Display name' });
/** An invite token: >= 128 random bits, base64url. Realm issues 24 bytes (32 characters). */
export const InviteTokenSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{22,64}$', description: 'Invite token (base64url)' });

/** How a player is shown to others: the first two fields of every player-shaped object (Player, LobbyMember, Friend, ...). */
export const PlayerFields = { id: PlayerIdSchema, name: DisplayNameSchema };
