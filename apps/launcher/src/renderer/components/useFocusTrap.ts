import { useEffect, useRef } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog keeps keyboard focus inside itself (Tab and Shift+Tab wrap) while `key`
 * is set, and gives focus back to whatever had it before when it closes (WAI-ARIA dialog
 * pattern). `key` identifies one opening (a prematch id, an invite token).
 */
export function useFocusTrap<T extends HTMLElement>(key: string | null | undefined) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!key) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onKey = (event: KeyboardEvent) => {
      const root = ref.current;
      if (event.key !== 'Tab' || !root) return;
      const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
      if (items.length === 0) return event.preventDefault();
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !root.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !root.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      // Back to where the player was, if that element is still on the page.
      if (before && before.isConnected) before.focus();
    };
  }, [key]);
  return ref;
}
