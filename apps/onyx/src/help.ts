export const ONYX_HELP = `onyx (stand-in) - joins a Moonstone game like the real Onyx would, and prints its progress.

THIS IS NOT THE GAME. It is the development and test stand-in for Onyx, the
native game client: it speaks the Onyx <-> Moonstone game protocol, shows
what happens, and exits. The launcher starts it in development and tests; the
real game's path is a launcher setting.

Usage:
  onyx --moonstone <host:port> --game <gameId> --ticket <ticket>
  onyx --moonstone <host:port> --game <gameId> --ticket-stdin   < ticket.txt

  --ticket-stdin   read the ticket from standard input (safer: command lines
                   are visible to other local users)

Exit codes:
  0  the game ended (completed or abandoned)
  2  bad command line
  3  refused by the server (invalid, expired or used ticket; unknown game)
  4  the server could not be reached
  5  joined, then the connection or the server was lost
  130 interrupted (we left the game)
`;
