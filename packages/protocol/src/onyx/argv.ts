import { isHostPort } from '../common/host-port.js';
import { isId } from '../common/ids.js';
import { GlaceonError, errorBody } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { MAX_JOIN_TICKET_CHARS } from '../ticket/payload.js';

/**
 * How Glaceon launches Onyx:
 *   onyx --moonstone <host:port> --game <gameId> --ticket <ticket>
 *   onyx --moonstone <host:port> --game <gameId> --ticket-stdin   (ticket on stdin, kept out of `ps`)
 * Arguments go to spawn as an array, never through a shell, so a value is
 * taken verbatim even when it starts with `-` or holds spaces or quotes.
 * The ticket is opaque here: Moonstone verifies it.
 */
export type OnyxLaunch = { moonstone: string; gameId: string; ticket: string } | { moonstone: string; gameId: string; ticketStdin: true };

export const ONYX_FLAGS = {
  moonstone: '--moonstone',
  game: '--game',
  ticket: '--ticket',
  ticketStdin: '--ticket-stdin',
} as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this launch cannot be passed as argv, or undefined when it can. */
function problemWith(launch: OnyxLaunch): { flag: string; why: string } | undefined {
  if (!isHostPort(launch.moonstone)) return { flag: ONYX_FLAGS.moonstone, why: 'expected host:port (IPv6 in brackets)' };
  if (!isId('g_', launch.gameId)) return { flag: ONYX_FLAGS.game, why: 'expected a game id (g_…)' };
  if ('ticket' in launch) {
    const t = launch.ticket;
    if (typeof t !== 'string' || t.length === 0) return { flag: ONYX_FLAGS.ticket, why: 'the ticket is empty' };
    if (t.length > MAX_JOIN_TICKET_CHARS) return { flag: ONYX_FLAGS.ticket, why: 'the ticket is too long' };
    // NUL cannot travel in argv on any OS, and lone surrogates do not survive the OS's encoding.
    if (t.includes('\0') || LONE_SURROGATE.test(t)) return { flag: ONYX_FLAGS.ticket, why: 'the ticket holds characters argv cannot carry' };
  } else if (launch.ticketStdin !== true) {
    return { flag: ONYX_FLAGS.ticketStdin, why: 'give a ticket or ticketStdin: true' };
  }
  return undefined;
}

export function buildOnyxArgv(launch: OnyxLaunch): string[] {
  const problem = problemWith(launch);
  if (problem) throw new GlaceonError('INVALID_MESSAGE', `Cannot launch Onyx: ${problem.flag}: ${problem.why}.`, problem.flag);
  const head = [ONYX_FLAGS.moonstone, launch.moonstone, ONYX_FLAGS.game, launch.gameId];
  return 'ticket' in launch ? [...head, ONYX_FLAGS.ticket, launch.ticket] : [...head, ONYX_FLAGS.ticketStdin];
}

const invalid = (path: string, why: string) => err(errorBody('INVALID_MESSAGE', `${path}: ${why}.`, path));

/**
 * Parse Onyx's argv (without the executable and script: `process.argv.slice(2)`).
 * Flags in any order, each once; every flag but --ticket-stdin takes the next
 * element as its value, verbatim.
 */
export function parseOnyxArgv(argv: readonly string[]): Result<OnyxLaunch> {
  if (!Array.isArray(argv) || argv.length > 16) return invalid('argv', 'expected at most a few arguments');
  const values = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (typeof flag !== 'string') return invalid('argv', 'arguments must be strings');
    if (flag !== ONYX_FLAGS.moonstone && flag !== ONYX_FLAGS.game && flag !== ONYX_FLAGS.ticket && flag !== ONYX_FLAGS.ticketStdin) {
      return invalid(flag.slice(0, 32) || '(empty)', 'unknown argument (use --moonstone, --game, --ticket or --ticket-stdin, each followed by its value)');
    }
    if (values.has(flag)) return invalid(flag, 'given twice');
    if (flag === ONYX_FLAGS.ticketStdin) {
      values.set(flag, true);
      continue;
    }
    const value = argv[i + 1];
    if (typeof value !== 'string') return invalid(flag, 'missing value');
    values.set(flag, value);
    i++;
  }
  const moonstone = values.get(ONYX_FLAGS.moonstone);
  const gameId = values.get(ONYX_FLAGS.game);
  const ticket = values.get(ONYX_FLAGS.ticket);
  const stdin = values.get(ONYX_FLAGS.ticketStdin);
  if (typeof moonstone !== 'string') return invalid(ONYX_FLAGS.moonstone, 'missing');
  if (typeof gameId !== 'string') return invalid(ONYX_FLAGS.game, 'missing');
  if (ticket !== undefined && stdin !== undefined) return invalid(ONYX_FLAGS.ticketStdin, 'give --ticket or --ticket-stdin, not both');
  let launch: OnyxLaunch;
  if (typeof ticket === 'string') launch = { moonstone, gameId, ticket };
  else if (stdin === true) launch = { moonstone, gameId, ticketStdin: true };
  else return invalid(ONYX_FLAGS.ticket, 'missing (or --ticket-stdin)');
  const problem = problemWith(launch);
  return problem ? invalid(problem.flag, problem.why) : ok(launch);
}
