/**
 * A document's comment threads: fetched over HTTP, fetched again whenever the document's meta
 * room says they changed (someone commented, replied, edited, resolved) and when the connection
 * comes back; the member's own actions update the list at once from the server's answer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ThreadView } from '../../shared/api';
import { commentsApi } from '../api/trame';

/** Threads as the page shows them. */
export interface Threads {
  threads: ThreadView[];
  /** The last fetch failed (the list shown is the last one received). */
  error: unknown;
  loaded: boolean;
  /** Puts the server's answer for one thread in the list (after a reply, an edit, a resolution). */
  put: (thread: ThreadView) => void;
  /** Removes a thread the server deleted. */
  drop: (threadId: string) => void;
  refetch: () => Promise<void>;
}

/** Loads a document's threads and keeps them current; `revision` comes from the meta room. */
export function useThreads(documentId: string, revision: number | undefined, online: boolean): Threads {
  const [threads, setThreads] = useState<ThreadView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);
  // Answers may arrive out of order: only the latest request may set the list. A list fetched
  // before one of our own changes may briefly hide it; the change's revision fetches it again.
  const latest = useRef(0);

  const refetch = useCallback(async () => {
    const request = ++latest.current;
    try {
      const { threads: fresh } = await commentsApi.list(documentId);
      if (request !== latest.current) return;
      setThreads(fresh);
      setError(null);
      setLoaded(true);
    } catch (err) {
      if (request === latest.current) setError(err);
    }
  }, [documentId]);

  useEffect(() => {
    void refetch();
  }, [refetch, revision]);

  useEffect(() => {
    if (online) void refetch();
  }, [online, refetch]);

  const put = useCallback((thread: ThreadView) => {
    setThreads((current) => {
      const index = current.findIndex((t) => t.id === thread.id);
      if (index === -1) return [...current, thread];
      const next = [...current];
      next[index] = thread;
      return next;
    });
  }, []);

  const drop = useCallback((threadId: string) => {
    setThreads((current) => current.filter((t) => t.id !== threadId));
  }, []);

  return { threads, error, loaded, put, drop, refetch };
}
