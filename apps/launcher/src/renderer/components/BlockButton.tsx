import { useEffect, useRef, useState } from 'react';
import { useApp } from '../store/context.js';
import { Button } from './ui.js';
import { t } from '../strings.js';
import '../styles/chat.css';

/**
 * Block with a confirmation in place (no OS dialog): the first press asks,
 * Confirm blocks, Cancel or Escape puts the button back. Focus moves to the
 * question and back, so it works from the keyboard.
 */
export function BlockButton({ playerId, name, className }: { playerId: string; name: string; className?: string }) {
  const [asking, setAsking] = useState(false);
  const busy = useApp((s) => s.blocks.busy.includes(playerId));
  const block = useApp((s) => s.blockPlayer);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking)
    return (
      <button ref={openRef} type="button" className={`link small ${className ?? ''}`} aria-label={t.friends.block(name)} onClick={() => setAsking(true)}>
        {t.friends.blockTitle}
      </button>
    );
  return (
    <span
      className="block-confirm"
      role="group"
      aria-label={t.friends.block(name)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setAsking(false);
        }
      }}
    >
      <span className="small">{t.blocks.confirm(name)}</span>
      <Button ref={confirmRef} variant="danger" className="btn-sm" busy={busy} onClick={() => void block(playerId).then(() => setAsking(false))}>
        {t.friends.blockTitle}
      </Button>
      <Button variant="ghost" className="btn-sm" onClick={() => setAsking(false)}>
        {t.friends.cancel}
      </Button>
    </span>
  );
}
