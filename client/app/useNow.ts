/** A clock that re-renders its user periodically, for "5 minutes ago" labels. */
import { useEffect, useState } from 'react';

/** The current time in ms, refreshed every `intervalMs`. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
