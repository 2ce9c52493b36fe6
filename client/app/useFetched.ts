/**
 * Data fetched over HTTP and fetched again whenever `key` changes (a document id with the live
 * revisions its meta room publishes). Only the latest request may set the data: answers can
 * arrive out of order.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** The last data received (null until then), the last error, and a way to fetch again now. */
export interface Fetched<T> {
  data: T | null;
  error: unknown;
  refetch: () => Promise<void>;
  /**
   * Puts data known from elsewhere (the server's answer to one's own action) in place at once. A
   * fetch already in flight may still replace it with an older list; the change's own live
   * revision then fetches again.
   */
  setData: (update: (current: T | null) => T | null) => void;
}

/** Fetches with `load` on mount and whenever `key` changes. */
export function useFetched<T>(key: string, load: () => Promise<T>): Fetched<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const refetch = useCallback(async () => {
    const request = ++latest.current;
    try {
      const fresh = await loadRef.current();
      if (request !== latest.current) return;
      setData(fresh);
      setError(null);
    } catch (err) {
      if (request === latest.current) setError(err);
    }
  }, []);

  useEffect(() => {
    void refetch();
  }, [key, refetch]);

  return { data, error, refetch, setData };
}
