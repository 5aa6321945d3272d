/** Presence keys: per player in the player's slot, plus one sweep index. */
export const presenceKeys = {
  status: (playerId: string) => `presence:{${playerId}}`,
  conns: (playerId: string) => `presence:{${playerId}}:conns`,
  deadlines: () => '{presence}:deadlines',
} as const;
