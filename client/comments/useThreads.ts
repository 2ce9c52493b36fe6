/**
 * A document's comment threads: fetched over HTTP, fetched again whenever the document's meta
 * room says they changed (someone commented, replied, edited, resolved) and when the connection
 * comes back; the member's own actions update the list at once from the server's answer.
 */
import { useCallback, useEffect } from 'react';
import type { ThreadView } from '../../shared/api';
import { commentsApi } from '../api/trame';
import { useFetched } from '../app/useFetched';

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
  const { data, error, refetch, setData } = useFetched(`${documentId}@${revision ?? ''}`, async () => (await commentsApi.list(documentId)).threads);

  useEffect(() => {
    if (online) void refetch();
  }, [online, refetch]);

  const put = useCallback(
    (thread: ThreadView) =>
      setData((current) => {
        const list = current ?? [];
        const index = list.findIndex((t) => t.id === thread.id);
        return index === -1 ? [...list, thread] : list.map((t, i) => (i === index ? thread : t));
      }),
    [setData],
  );

  const drop = useCallback((threadId: string) => setData((current) => (current ?? []).filter((t) => t.id !== threadId)), [setData]);

  return { threads: data ?? EMPTY, error, loaded: data !== null, put, drop, refetch };
}

const EMPTY: ThreadView[] = [];
