import { useApp } from '../store/context.js';
import { useQueueName } from './queues.js';
import { NetButton } from './NetButton.js';
import { t } from '../strings.js';

/** Lobby invitations from friends: accept joins their lobby, decline tells them. */
export function InviteToasts() {
  const invites = useApp((s) => s.friends.invites);
  const busy = useApp((s) => s.friends.busy);
  const answer = useApp((s) => s.answerInvite);
  const queueName = useQueueName();
  if (invites.length === 0) return null;
  return (
    <div className="toasts" role="region" aria-label={t.invites.region}>
      {invites.slice(0, 3).map((invite) => (
        <div key={invite.id} className="toast" role="alert">
          <p>
            <strong>{invite.from.name}</strong> {t.invites.invitedYou}
          </p>
          <p className="muted small">{queueName(invite.mode)}</p>
          <div className="row">
            <NetButton variant="primary" busy={busy.includes(invite.id)} onClick={() => void answer(invite.id, true)}>
              {t.invites.accept}
            </NetButton>
            <NetButton variant="ghost" disabled={busy.includes(invite.id)} onClick={() => void answer(invite.id, false)}>
              {t.invites.decline}
            </NetButton>
          </div>
        </div>
      ))}
    </div>
  );
}
