/**
 * The Onyx stand-in's command line. Exactly the launch arguments of the real
 * game: --moonstone <host:port> --game <id> (--ticket <t> | --ticket-stdin).
 */
import { parseOnyxArgv } from '@glaceon/protocol';
import { ONYX_EXIT } from './exit-codes.js';
import { ONYX_HELP } from './help.js';
import { runOnyx } from './run.js';

const MAX_STDIN_TICKET = 4096;

async function readTicketFromStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.length > MAX_STDIN_TICKET) break;
  }
  return text.trim();
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(ONYX_HELP);
    return 0;
  }
  const parsed = parseOnyxArgv(argv);
  if (!parsed.ok) {
    process.stderr.write(`onyx: ${parsed.error.message}\nTry: onyx --help\n`);
    return ONYX_EXIT.USAGE;
  }
  const launch = parsed.value;
  const ticket = 'ticket' in launch ? launch.ticket : await readTicketFromStdin();
  if (ticket.length === 0 || ticket.length > MAX_STDIN_TICKET) {
    process.stderr.write('onyx: --ticket-stdin: expected one ticket on standard input.\n');
    return ONYX_EXIT.USAGE;
  }
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return runOnyx({
    moonstone: launch.moonstone,
    gameId: launch.gameId,
    ticket,
    interrupted,
    print: (line) => process.stdout.write(`${line}\n`),
    printError: (line) => process.stderr.write(`${line}\n`),
  });
}

const code = await main(process.argv.slice(2));
// Let stdout drain, then leave with the code (open sockets must not keep us alive).
process.stdout.write('', () => process.exit(code));
