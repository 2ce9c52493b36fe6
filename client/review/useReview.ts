/**
 * A document's review state and activity log, fetched again when the meta room's review revision
 * grows (someone changed the status, asked, decided) and shortly after the body changes (an edit
 * can make approvals stale: the server decides, from the content).
 */
import { useCallback, useEffect } from 'react';
import type { Editor } from '@tiptap/react';
import type { ActivityView, ReviewView } from '../../shared/versions/contract';
import { reviewsApi } from '../api/trame';
import { useFetched } from '../app/useFetched';

/** How long after the last change of the body the review state is asked again. */
const AFTER_EDIT_MS = 700;

/** The review state as the panel shows it. */
export interface Review {
  review: ReviewView | null;
  activity: ActivityView[];
  error: unknown;
  /** Puts the server's answer to one of the member's own actions in place at once. */
  put: (review: ReviewView) => void;
  refetch: () => Promise<void>;
}

/** Loads and keeps current a document's review state. */
export function useReview(documentId: string, revision: number | undefined, editor: Editor | null): Review {
  const { data, error, refetch, setData } = useFetched(`${documentId}@${revision ?? ''}`, async () => {
    const [review, log] = await Promise.all([reviewsApi.get(documentId), reviewsApi.activity(documentId)]);
    return { review, activity: log.entries };
  });

  useEffect(() => {
    if (!editor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refetch(), AFTER_EDIT_MS);
    };
    editor.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      editor.off('update', onUpdate);
    };
  }, [editor, refetch]);

  const put = useCallback(
    (fresh: ReviewView) => {
      setData((current) => ({ review: fresh, activity: current?.activity ?? [] }));
      void refetch(); // the activity log has a new entry too
    },
    [setData, refetch],
  );

  return { review: data?.review ?? null, activity: data?.activity ?? NO_ACTIVITY, error, put, refetch };
}

const NO_ACTIVITY: ActivityView[] = [];
