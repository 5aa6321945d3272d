import type { Socket } from 'node:net';

/**
 * Writes to a socket in the same turn of the event loop leave in one syscall: the first write
 * of a turn corks the socket, and one `setImmediate` uncorks every socket corked this turn
 * after the turn's I/O callbacks ran (coral-perf-004 for player frames, coral-perf-009 for
 * Redis commands). A library that corks around its own writes (`ws` does, per frame) is
 * fine: Node counts corks, so its uncork leaves ours in place.
 */
const corkedThisTurn: Socket[] = [];

/** Call before writing to `socket`: the write waits in the socket until the turn ends. */
export function corkForThisTurn(socket: Socket): void {
  if (socket.writableCorked > 0 || socket.destroyed) return;
  socket.cork();
  if (corkedThisTurn.push(socket) === 1) setImmediate(uncorkAll);
}

function uncorkAll(): void {
  const sockets = corkedThisTurn.splice(0);
  for (const s of sockets) while (s.writableCorked > 0) s.uncork();
}
