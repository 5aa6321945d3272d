import { Type, type Static } from '@sinclair/typebox';
import { DisplayNameSchema, PlayerFields } from './ids.js';
import { bare } from './ids.js';

/** Passwords: 10 to 128 characters (the cap bounds hashing cost), not the display name. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
const Password = Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });

export const RegisterRequestSchema = Type.Object(
  { name: DisplayNameSchema, password: Password },
  { additionalProperties: false, $id: 'Realm.RegisterRequest' },
);
export type RegisterRequest = Static<typeof RegisterRequestSchema>;

/** Sign in by display name (any case). Name shape is loose here so a typo is INVALID_CREDENTIALS, not a hint. */
export const SignInRequestSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }) },
  { additionalProperties: false, $id: 'Realm.SignInRequest' },
);
export type SignInRequest = Static<typeof SignInRequestSchema>;

export const PlayerSchema = Type.Object(PlayerFields, { additionalProperties: false, $id: 'Realm.Player' });
export type Player = Static<typeof PlayerSchema>;

export const SessionResponseSchema = Type.Object(
  {
    player: bare(PlayerSchema),
    /** Opaque bearer token (256 bits, base64url). Send as `Authorization: Bearer <token>`, never in a URL. */
    token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
    /** Sliding: every use extends it. */
    expiresInMs: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false, $id: 'Realm.SessionResponse' },
);
export type SessionResponse = Static<typeof SessionResponseSchema>;

export const MeResponseSchema = Type.Object(
  { ...PlayerFields, createdAt: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false, $id: 'Realm.MeResponse' },
);
export type MeResponse = Static<typeof MeResponseSchema>;

export const SignOutAllResponseSchema = Type.Object(
  { sessions: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false, $id: 'Realm.SignOutAllResponse' },
);
export type SignOutAllResponse = Static<typeof SignOutAllResponseSchema>;
