import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { coalesceWritesPerTurn } from './coalesced-writes.js';

/** Single node or Redis Cluster: every store function accepts either. */
export type RedisClient = Redis | Cluster;

/** ioredis's options, plus the store's own. */
export interface StoreRedisOptions extends RedisOptions {
  /**
   * Send each event-loop turn's commands in one socket write, every command on its own
   * (coral-perf-009): for a client that carries many commands a turn. It replaces
   * auto-pipelining, which it turns off.
   */
  coalesceWrites?: boolean;
}

/**
 * REDIS_URL forms:
 *   redis://host:port[/db]                      one node
 *   redis+cluster://host:port,host:port,...     a cluster, any nodes as seeds
 * Never use ioredis `keyPrefix`: scripts build keys themselves and a prefix
 * would break hash tags.
 */
export function createRedis(url: string, storeOptions: StoreRedisOptions = {}): RedisClient {
  const { coalesceWrites, ...options } = storeOptions;
  if (coalesceWrites) options.enableAutoPipelining = false;
  const client = connect(url, options);
  if (coalesceWrites) coalesceWritesPerTurn(client);
  return client;
}

function connect(url: string, options: RedisOptions): RedisClient {
  if (url.startsWith('redis+cluster://')) {
    const seeds = url
      .slice('redis+cluster://'.length)
      .split(',')
      .map((hostPort) => {
        const [host, port] = hostPort.split(':');
        return { host: host || '127.0.0.1', port: Number(port) || 6379 };
      });
    return new Cluster(seeds, { redisOptions: options, scaleReads: 'master' });
  }
  return new Redis(url, { maxRetriesPerRequest: 3, ...options });
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/** Close without waiting for replies still in flight when the caller no longer cares. */
export async function closeRedis(client: RedisClient): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
