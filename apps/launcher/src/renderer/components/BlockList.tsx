import { useApp } from '../store/context.js';
import { Alert, Avatar, Empty, Spinner } from './ui.js';
import { NetButton } from './NetButton.js';
import { t } from '../strings.js';

/** Settings: the players I blocked (from the friends view Realm pushes), each with Unblock. */
export function BlockList() {
  const blocked = useApp((s) => s.friends.view?.blocked);
  const signedIn = useApp((s) => s.session.status === 'signed-in');
  const busy = useApp((s) => s.blocks.busy);
  const error = useApp((s) => s.blocks.error);
  const unblock = useApp((s) => s.unblockPlayer);
  if (!signedIn) return null;
  return (
    <section aria-label={t.blocks.title}>
      <p className="muted small">{t.blocks.hint}</p>
      {error && <Alert tone="error">{error}</Alert>}
      {!blocked ? (
        <Spinner label={t.friends.loading} />
      ) : blocked.length === 0 ? (
        <Empty title={t.blocks.emptyTitle}>{t.blocks.emptyBody}</Empty>
      ) : (
        <ul className="list" aria-label={t.blocks.title}>
          {blocked.map((b) => (
            <li key={b.id} className="list-row">
              <Avatar name={b.name} />
              <span className="grow">
                <span className="name">{b.name}</span>
                <span className="muted small">{t.blocks.since(new Date(b.at).toLocaleDateString())}</span>
              </span>
              <NetButton
                variant="ghost"
                className="btn-sm"
                busy={busy.includes(b.id)}
                aria-label={t.blocks.unblockName(b.name)}
                onClick={() => void unblock(b.id)}
              >
                {t.blocks.unblock}
              </NetButton>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
