/**
 * One socket write per event-loop turn for a client's commands (coral-perf-009).
 *
 * ioredis's auto-pipelining also batches a turn's commands, but it builds a `Pipeline` per
 * batch (its own queue, promise and result array on top of every command's) and keeps one
 * batch per node in flight: commands issued while a batch waits for its replies wait with it.
 * Here each command is sent as ioredis sends any command (its own `Command` and promise),
 * and the connection's socket is corked at a turn's first write and uncorked once the turn's
 * I/O callbacks have run (`setImmediate`), so the turn's commands still leave in one `writev`.
 * Order is the call order on the connection, as without batching.
 */
import type { Socket } from 'node:net';
import { Cluster, type Redis } from 'ioredis';
import { corkForThisTurn } from '@glaceon/protocol/node';

const coalesced = new WeakSet<Socket>();

/** Every write to `stream` waits in it until the turn ends (the rule Coral's player sockets follow). */
function coalesceStream(stream: Socket): void {
  if (coalesced.has(stream)) return;
  coalesced.add(stream);
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((...args: unknown[]) => {
    corkForThisTurn(stream);
    return write(...args);
  }) as Socket['write'];
}

/** The socket of one node connection (ioredis replaces it on every reconnect). */
function streamOf(node: Redis): Socket | undefined {
  return (node as unknown as { stream?: Socket }).stream;
}

function coalesceNode(node: Redis): void {
  const current = streamOf(node);
  if (current) coalesceStream(current);
  node.on('connect', () => {
    const stream = streamOf(node);
    if (stream) coalesceStream(stream);
  });
}

/**
 * Coalesce the writes of a client made without auto-pipelining: one node's connection, or
 * every node connection of a cluster client (those it has and those it adds later).
 */
export function coalesceWritesPerTurn(client: Redis | Cluster): void {
  if (client instanceof Cluster) {
    for (const node of client.nodes('all')) coalesceNode(node);
    client.on('+node', (node: Redis) => coalesceNode(node));
    return;
  }
  coalesceNode(client);
}
