import { err, isInviteToken, ok, type Result } from '@glaceon/protocol';

export const DEEP_LINK_SCHEME = 'glaceon';

export type DeepLink = { kind: 'join'; token: string };
export type DeepLinkError = { code: 'NOT_A_DEEP_LINK' | 'UNKNOWN_ACTION' | 'BAD_TOKEN'; message: string };

/**
 * Parses `glaceon://join/<token>`. Written by hand rather than with `URL`
 * because browsers and Node disagree on hosts of non-special schemes, and a
 * deep link arrives from the OS untrusted: anything unexpected is refused.
 */
export function parseDeepLink(input: unknown): Result<DeepLink, DeepLinkError> {
  if (typeof input !== 'string' || input.length > 512) {
    return err({ code: 'NOT_A_DEEP_LINK', message: 'That is not a Glaceon link.' });
  }
  const match = /^glaceon:\/\/([^/?#]+)\/?([^?#]*)(?:[?#].*)?$/i.exec(input.trim());
  if (!match) return err({ code: 'NOT_A_DEEP_LINK', message: 'That is not a Glaceon link.' });
  const action = match[1]!.toLowerCase();
  const rest = match[2]!.replace(/\/+$/, '');
  if (action !== 'join') return err({ code: 'UNKNOWN_ACTION', message: `Glaceon links cannot "${action.slice(0, 32)}".` });
  if (!isInviteToken(rest)) return err({ code: 'BAD_TOKEN', message: 'This invite link is incomplete or damaged.' });
  return ok({ kind: 'join', token: rest });
}

export function joinLink(token: string): string {
  return `${DEEP_LINK_SCHEME}://join/${token}`;
}

/** What a player may paste in "join by link or token": either form. */
export function parseInviteInput(input: string): Result<string, DeepLinkError> {
  const text = input.trim();
  if (isInviteToken(text)) return ok(text);
  const link = parseDeepLink(text);
  return link.ok ? ok(link.value.token) : link;
}

/** A deep link in a process argv (Windows and Linux pass it there to the second instance). */
export function findDeepLinkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`));
}
