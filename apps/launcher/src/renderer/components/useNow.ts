import { useEffect, useState } from 'react';

/**
 * Re-renders every `intervalMs` and returns the current time. The time is read
 * at render, not stored at mount, so a component that appears mid-interval
 * (a ready check) never shows a stale countdown.
 */
export function useNow(intervalMs = 250): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((t) => t + 1), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return Date.now();
}
