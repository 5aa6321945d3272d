/**
 * mulberry32: a small, fast, seeded PRNG. Soaks, simulations and fuzz tests draw from it so a
 * seed replays the same run (the chaos soak's faults, the rating simulation, ticket fuzzing).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
