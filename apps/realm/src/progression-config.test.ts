import { describe, expect, it } from 'vitest';
import { DEFAULT_RATING_TIERS } from '@glaceon/store';
import { configFromEnv } from './config.js';
import { parseRatingTiers } from './progression-config.js';

describe('RATING_TIERS', () => {
  it('defaults to the documented table and accepts a valid replacement', () => {
    expect(configFromEnv({}).ratingTiers).toEqual(DEFAULT_RATING_TIERS);
    const tiers = [
      { id: 'low', label: 'Low', min: 0 },
      { id: 'high', label: 'High', min: 1000 },
    ];
    expect(configFromEnv({ RATING_TIERS: JSON.stringify(tiers) }).ratingTiers).toEqual(tiers);
  });

  it('refuses a bad table with the reason', () => {
    expect(() => parseRatingTiers('nope')).toThrow(/JSON array/);
    expect(() => parseRatingTiers('[{"id":"a","label":"A","min":5}]')).toThrow(/starts at 0/);
    expect(() => parseRatingTiers('[{"id":"a","label":"A","min":0},{"id":"b","label":"B","min":0}]')).toThrow(/increase/);
    expect(() => parseRatingTiers('[{"id":"a","label":"A","min":0},{"id":"a","label":"B","min":9}]')).toThrow(/twice/);
    expect(() => parseRatingTiers('[{"id":"a","min":0}]')).toThrow(/RATING_TIERS\[0\]/);
    expect(() => parseRatingTiers(`[${'{"id":"a","label":"A","min":0},'.repeat(200)}]`)).toThrow(/too long/);
  });
});
