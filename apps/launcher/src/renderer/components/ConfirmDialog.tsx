import { useEffect, useRef } from 'react';
import { Button } from './ui.js';
import { useFocusTrap } from './useFocusTrap.js';

/**
 * "Remove frost from the lobby?": a host action that cannot be undone asks first. Keyboard:
 * focus starts on Cancel (the safe choice), Tab stays inside, Escape cancels.
 */
export function ConfirmDialog(props: {
  /** Identifies one opening (focus returns to the button that opened it when it closes). */
  id: string;
  title: string;
  body: string;
  confirm: string;
  cancel: string;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const trapRef = useFocusTrap<HTMLDivElement>(props.id);
  const { onCancel } = props;
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.id, onCancel]);
  return (
    <div className="overlay">
      <div ref={trapRef} role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-body" className="dialog">
        <h2 id="confirm-title" className="dialog-title">
          {props.title}
        </h2>
        <p id="confirm-body" className="muted">
          {props.body}
        </p>
        <div className="row-end">
          <Button ref={cancelRef} variant="ghost" onClick={props.onCancel}>
            {props.cancel}
          </Button>
          <Button variant={props.tone ?? 'primary'} busy={props.busy} onClick={props.onConfirm}>
            {props.confirm}
          </Button>
        </div>
      </div>
    </div>
  );
}
