/**
 * Run `fn` over `items` with at most `limit` calls in flight, started in order. Plain TypeScript
 * (no Node, no DOM) so servers and tools share it: Coral's reconcile, the benchmark's population.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i] as T, i);
      }
    }),
  );
}
