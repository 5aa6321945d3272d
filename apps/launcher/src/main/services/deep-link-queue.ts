import { parseDeepLink } from '../../common/index.js';

export interface DeepLinkQueue {
  /** Accepts a link from the OS (argv, open-url); refuses anything that is not a valid Glaceon link. */
  push(url: unknown): boolean;
  /** Links received before the renderer was listening (a cold start from a link). */
  take(): string[];
  /** Once a listener is attached, links go straight to it; a listener returning false could not deliver, so the link waits. */
  attach(listener: (url: string) => boolean | void): () => void;
}

/** Bounded so a flood of OS events cannot grow memory without limit. */
export function createDeepLinkQueue(max = 8): DeepLinkQueue {
  let pending: string[] = [];
  let listener: ((url: string) => boolean | void) | undefined;
  return {
    push(url) {
      const parsed = parseDeepLink(url);
      if (!parsed.ok) return false;
      const canonical = `glaceon://join/${parsed.value.token}`;
      if (!listener || listener(canonical) === false) pending = [...pending, canonical].slice(-max);
      return true;
    },
    take() {
      const out = pending;
      pending = [];
      return out;
    },
    attach(next) {
      listener = next;
      return () => {
        if (listener === next) listener = undefined;
      };
    },
  };
}
