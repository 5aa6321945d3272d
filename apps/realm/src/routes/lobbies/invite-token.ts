import { buildInviteLink, type InviteTokenInfo } from '@glaceon/protocol';
import type { IssuedInvite } from '@glaceon/store';

/** What the host sees of a freshly issued token: the token, its `glaceon://join/<token>` link, expiry and use limit. */
export function inviteInfo(issued: IssuedInvite): InviteTokenInfo {
  return { token: issued.token, link: buildInviteLink(issued.token), expiresAt: issued.expiresAt, maxUses: issued.maxUses };
}
