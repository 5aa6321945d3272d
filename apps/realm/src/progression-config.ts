/**
 * Rank tiers from the environment: `RATING_TIERS` is a JSON array of
 * `{id, label, min}` bands of the display rating, lowest first, starting at 0
 * (docs/ratings.md). A bad table stops Realm at startup with the reason.
 */
import { checkTiers, type RatingTier } from '@glaceon/store';

export function parseRatingTiers(raw: string): RatingTier[] {
  if (raw.length > 4096) throw new Error('RATING_TIERS is too long (at most 4096 characters)');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error('RATING_TIERS must be a JSON array of {id, label, min}');
  }
  if (!Array.isArray(value)) throw new Error('RATING_TIERS must be a JSON array of {id, label, min}');
  const tiers = value.map((t: unknown, i) => {
    const o = (t ?? {}) as Record<string, unknown>;
    if (typeof o.id !== 'string' || typeof o.label !== 'string' || typeof o.min !== 'number' || !Number.isInteger(o.min)) {
      throw new Error(`RATING_TIERS[${i}] must be {id: string, label: string, min: integer}`);
    }
    return { id: o.id, label: o.label, min: o.min };
  });
  const problem = checkTiers(tiers);
  if (problem) throw new Error(`RATING_TIERS: ${problem}`);
  return tiers;
}
