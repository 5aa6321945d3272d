import { GlaceonError, type ErrorCode } from '@glaceon/protocol';

/**
 * Negative return codes of the Realm-side Lua scripts (lobbies, invites,
 * friends) and the ErrorCode each stands for. One table, so a script's
 * contract comment and the TypeScript wrapper can never disagree.
 */
export const LUA_CODES: Readonly<Record<number, ErrorCode>> = {
  [-1]: 'ALREADY_IN_LOBBY',
  [-2]: 'NOT_FOUND',
  [-3]: 'NOT_IN_LOBBY',
  [-4]: 'NOT_HOST',
  [-5]: 'LOBBY_NOT_IDLE',
  [-6]: 'LOBBY_FULL',
  [-7]: 'PARTY_TOO_LARGE',
  [-8]: 'INVITE_REVOKED',
  [-9]: 'WRONG_STATE',
  [-10]: 'INVITE_INVALID',
  [-11]: 'INVITE_EXPIRED',
  [-12]: 'INVITE_USED_UP',
  [-13]: 'BLOCKED',
  [-14]: 'ALREADY_FRIENDS',
  [-15]: 'REQUEST_EXISTS',
};

/** A script reply `{code, ...rest}`: throws the mapped GlaceonError (naming the script) on a negative code. */
export function expectOk(script: string, reply: unknown): (string | number)[] {
  if (!Array.isArray(reply) || reply.length === 0) throw new Error(`${script}: unexpected reply ${JSON.stringify(reply)}`);
  const code = Number(reply[0]);
  if (code < 0) {
    const mapped = LUA_CODES[code];
    if (!mapped) throw new Error(`${script}: unknown code ${code}`);
    throw new GlaceonError(mapped, undefined);
  }
  return reply as (string | number)[];
}
