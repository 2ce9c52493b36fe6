/**
 * The home page's review lists: documents waiting for my review (asked and not approved as they
 * are now) and my documents in review. Fetched over HTTP, again whenever the collective's live list
 * shows a status or review activity change.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { LiveDocumentMeta } from '../../shared/api';
import type { Role } from '../../shared/permissions';
import { DOCUMENT_LIST_MAP, workspaceRoom } from '../../shared/rooms';
import type { ReviewListItem, ReviewListsResponse } from '../../shared/versions/contract';
import { reviewsApi } from '../api/trame';
import { useLiveMap } from '../collab/useLiveRoom';

/** A value that changes whenever any document's status or review activity does. */
function useReviewSignal(workspaceId: string, role: Role | null): string {
  const live = useLiveMap(role === null || role === 'guest' ? null : workspaceRoom(workspaceId), DOCUMENT_LIST_MAP);
  return useMemo(
    () => [...live.entries.values()].map((v) => { const m = v as Partial<LiveDocumentMeta>; return `${m.id}:${m.status}:${m.reviewActivityAt}`; }).sort().join('|'),
    [live.entries],
  );
}

function ReviewList({ title, items, testId, withState }: { title: string; items: ReviewListItem[]; testId: string; withState: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="review-list" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p className="empty">{t('review.listEmpty')}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id} data-testid="review-list-item" data-document-id={item.id}>
              <Link href={`/d/${item.id}`}>{item.title}</Link>{' '}
              {item.status && <span className={`badge status-${item.status}`}>{t(`statuses.${item.status}`)}</span>}{' '}
              {withState && item.myState && <span className={`badge review-state-${item.myState}`}>{t(`review.states.${item.myState}`)}</span>}{' '}
              <span className="hint">{t('review.approvals', { fresh: item.freshApprovals, required: item.approvalsRequired })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Both lists, side by side; nothing while there is nothing to review. */
export function ReviewLists({ workspaceId, role }: { workspaceId: string; role: Role | null }) {
  const { t } = useTranslation();
  const signal = useReviewSignal(workspaceId, role);
  const [lists, setLists] = useState<ReviewListsResponse | null>(null);
  useEffect(() => {
    let stale = false;
    reviewsApi.lists(workspaceId).then((l) => !stale && setLists(l), () => undefined);
    return () => {
      stale = true;
    };
  }, [workspaceId, signal]);
  if (!lists || (lists.waitingForMe.length === 0 && lists.mineInReview.length === 0)) return null;
  return (
    <div className="review-lists">
      <ReviewList title={t('review.waitingForMe')} items={lists.waitingForMe} testId="waiting-for-my-review" withState />
      <ReviewList title={t('review.mineInReview')} items={lists.mineInReview} testId="my-documents-in-review" withState={false} />
    </div>
  );
}
