/** Invite token record, in the token hash's slot. */
export const inviteKey = (tokenHash: string) => `invite:{${tokenHash}}`;
/** Direct invites of one player (hash inviteId -> JSON), in the player's slot. */
export const directInvitesKey = (playerId: string) => `player:{${playerId}}:invites`;
