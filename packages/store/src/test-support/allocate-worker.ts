/**
 * Child process for the concurrent allocation test: allocates ALLOCS games
 * (some ids shared with the other workers, to prove idempotency across
 * processes) as fast as it can and prints one JSON line with what it got.
 * Env: REDIS_URL, WORKER, ALLOCS.
 */
import { closeRedis, createRedis } from '../redis.js';
import { allocateServer } from '../fleet/allocate.js';

const redis = createRedis(process.env.REDIS_URL ?? '');
const worker = process.env.WORKER ?? '0';
const count = Number(process.env.ALLOCS ?? '200');
const results: { gameId: string; serverId: string | null }[] = [];
// Every 10th id is shared by all workers; the rest are private to this one.
const ids = Array.from({ length: count }, (_, i) => (i % 10 === 0 ? `g_shared${i}` : `g_w${worker}n${i}`));
// Fire in small concurrent batches so calls interleave inside Redis with the other workers'.
for (let i = 0; i < ids.length; i += 8) {
  const batch = ids.slice(i, i + 8);
  const got = await Promise.all(
    batch.map((gameId) => allocateServer(redis, { gameId, mode: '1v1', roster: [{ playerId: `p_${gameId}`, name: 'x', team: 0 }] })),
  );
  got.forEach((a, j) => results.push({ gameId: batch[j]!, serverId: a?.serverId ?? null }));
}
process.stdout.write(`${JSON.stringify(results)}\n`);
await closeRedis(redis);
