/**
 * A document's comment threads: fetched over HTTP (every page of threads, and every comment of
 * long threads: the API pages both), fetched again whenever the document's meta room says they
 * changed (someone commented, replied, edited, resolved) and when the connection comes back; the
 * member's own actions update the list at once from the server's answer.
 */
import { useCallback, useEffect } from 'react';
import type { CommentView, ThreadView } from '../../shared/api';
import { commentsApi } from '../api/trame';
import { useFetched } from '../app/useFetched';

/** Threads as the page shows them. */
export interface Threads {
  threads: ThreadView[];
  /** The last fetch failed (the list shown is the last one received). */
  error: unknown;
  loaded: boolean;
  /**
   * Puts the server's answer for one thread in the list (a new thread, a resolution). Such an
   * answer holds only a thread's first comments: the ones already shown are kept.
   */
  put: (thread: ThreadView) => void;
  /** Puts the server's answer for one comment (a reply, an edit) in its thread. */
  putComment: (comment: CommentView) => void;
  /** Removes a thread the server deleted. */
  drop: (threadId: string) => void;
  refetch: () => Promise<void>;
}

/** Rows without the repeats a page may start with (a list changed between two pages). */
function uniqueById<T extends { id: string }>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
}

/** A thread with every one of its comments, fetching the pages after the ones it came with. */
async function withAllComments(thread: ThreadView): Promise<ThreadView> {
  const comments = [...thread.comments];
  for (let cursor = thread.commentsCursor; cursor !== null; ) {
    const page = await commentsApi.comments(thread.id, cursor);
    comments.push(...page.comments);
    cursor = page.comments.length > 0 ? page.nextCursor : null;
  }
  return { ...thread, comments: uniqueById(comments), commentsCursor: null };
}

/** Every thread of a document, oldest first, each with all its comments: follows every page. */
export async function fetchAllThreads(documentId: string): Promise<ThreadView[]> {
  const threads: ThreadView[] = [];
  let cursor: string | null = null;
  do {
    const page = await commentsApi.list(documentId, cursor);
    threads.push(...page.threads);
    cursor = page.threads.length > 0 ? page.nextCursor : null;
  } while (cursor !== null);
  return Promise.all(uniqueById(threads).map(withAllComments));
}

/** The thread with this comment added at the end, or put in place of its earlier text. */
function withComment(thread: ThreadView, comment: CommentView): ThreadView {
  const index = thread.comments.findIndex((c) => c.id === comment.id);
  const comments = index === -1 ? [...thread.comments, comment] : thread.comments.map((c, i) => (i === index ? comment : c));
  return { ...thread, comments };
}

/** Loads a document's threads and keeps them current; `revision` comes from the meta room. */
export function useThreads(documentId: string, revision: number | undefined, online: boolean): Threads {
  const { data, error, refetch, setData } = useFetched(`${documentId}@${revision ?? ''}`, () => fetchAllThreads(documentId));

  useEffect(() => {
    if (online) void refetch();
  }, [online, refetch]);

  const put = useCallback(
    (thread: ThreadView) =>
      setData((current) => {
        const list = current ?? [];
        const index = list.findIndex((t) => t.id === thread.id);
        if (index === -1) return [...list, thread];
        const shown = list[index]!;
        const merged = thread.commentsCursor === null ? thread : { ...thread, comments: shown.comments, commentsCursor: shown.commentsCursor };
        return list.map((t, i) => (i === index ? merged : t));
      }),
    [setData],
  );

  const putComment = useCallback(
    (comment: CommentView) => setData((current) => (current ?? []).map((t) => (t.id === comment.threadId ? withComment(t, comment) : t))),
    [setData],
  );

  const drop = useCallback((threadId: string) => setData((current) => (current ?? []).filter((t) => t.id !== threadId)), [setData]);

  return { threads: data ?? EMPTY, error, loaded: data !== null, put, putComment, drop, refetch };
}

const EMPTY: ThreadView[] = [];
