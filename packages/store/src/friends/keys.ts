/** Friends keys: all in the player's slot (`{<playerId>}`), so one player's side of any change is one script. */
export const friendKeys = (playerId: string) =>
  [
    `player:{${playerId}}:friends`, // hash friendId -> since (ms)
    `player:{${playerId}}:friends:in`, // hash requesterId -> at
    `player:{${playerId}}:friends:out`, // hash targetId -> at
    `player:{${playerId}}:blocked`, // hash blockedId -> at
  ] as const;
