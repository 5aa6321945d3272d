import { Type, type Static } from '@sinclair/typebox';
import { createDecoder } from '@glaceon/protocol';

/** What "stay signed in" keeps: the opaque Realm session token and who it belongs to. */
export const StoredSessionSchema = Type.Object(
  {
    token: Type.String({ minLength: 16, maxLength: 512, pattern: '^[A-Za-z0-9_.~+/=-]+$' }),
    playerId: Type.String({ maxLength: 128 }),
    displayName: Type.String({ maxLength: 64 }),
    backendUrl: Type.String({ maxLength: 512 }),
  },
  { additionalProperties: false },
);
export type StoredSession = Static<typeof StoredSessionSchema>;
export const storedSessionDecoder = createDecoder(StoredSessionSchema);

/** How the session is kept on disk: encrypted by the OS keychain, or plaintext where none exists. */
export type SessionProtection = 'os-encrypted' | 'plaintext';
