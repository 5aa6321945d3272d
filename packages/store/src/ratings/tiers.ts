/**
 * Rank tiers: bands of the display rating. This is the configuration (one
 * ordered table, lowest first); Realm validates a replacement at startup.
 */
export interface RatingTier {
  id: string;
  label: string;
  /** Lowest display rating of the band (inclusive). */
  min: number;
}

export const DEFAULT_RATING_TIERS: readonly RatingTier[] = [
  { id: 'bronze', label: 'Bronze', min: 0 },
  { id: 'silver', label: 'Silver', min: 800 },
  { id: 'gold', label: 'Gold', min: 1100 },
  { id: 'platinum', label: 'Platinum', min: 1400 },
  { id: 'diamond', label: 'Diamond', min: 1700 },
  { id: 'master', label: 'Master', min: 2000 },
];

/** The tier of a display rating (the highest band whose min it reaches). */
export function tierOf(display: number, tiers: readonly RatingTier[] = DEFAULT_RATING_TIERS): RatingTier {
  let found = tiers[0] as RatingTier;
  for (const t of tiers) if (display >= t.min) found = t;
  return found;
}

/** Tiers must start at 0, be strictly increasing and have unique ids. */
export function checkTiers(tiers: readonly RatingTier[]): string | undefined {
  if (tiers.length === 0 || tiers.length > 32) return 'between 1 and 32 tiers';
  if (tiers[0]?.min !== 0) return 'the first tier starts at 0';
  const ids = new Set<string>();
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i] as RatingTier;
    if (!/^[a-z0-9_-]{1,24}$/.test(t.id) || t.label.length === 0 || t.label.length > 32) return `tier ${i}: bad id or label`;
    if (ids.has(t.id)) return `tier ${t.id} twice`;
    ids.add(t.id);
    if (i > 0 && t.min <= (tiers[i - 1] as RatingTier).min) return `tier ${t.id}: mins must increase`;
  }
  return undefined;
}

/**
 * Which queues are ranked (have a leaderboard and show tiers). One small table
 * so the queue configuration (issue #14) can replace it with its `ranked` flag.
 */
export const RANKED_QUEUES: Readonly<Record<string, boolean>> = { '1v1': true, '2v2': true, '5v5': true };

export function isRankedQueue(mode: string): boolean {
  return RANKED_QUEUES[mode] === true;
}
