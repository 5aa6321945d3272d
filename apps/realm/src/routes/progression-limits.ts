/** Bounds shared by the progression routes (profiles, history, leaderboards): reads, rate-limited per client. */
export const PROGRESSION_READ_LIMIT = { max: 120, timeWindow: 60_000 } as const;
