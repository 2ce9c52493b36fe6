/**
 * The review panel: the document's status and the moves offered from it, its reviewers and where
 * each stands on the current content ("changed since approved", with the diff one click away), the
 * member's own decision, asking others to review, and the activity log.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberSummary } from '../../shared/api';
import type { ReviewerView, ReviewView } from '../../shared/versions/contract';
import { errorMessage } from '../api/errorMessage';
import { commentsApi, reviewsApi } from '../api/trame';
import { formatDate } from '../app/format';
import type { ViewerRequest } from '../history/VersionViewer';
import { ActivityLog } from './ActivityLog';
import { StatusControl } from './StatusControl';
import type { Review } from './useReview';

interface Props {
  documentId: string;
  me: MemberSummary;
  review: Review;
  onView: (request: ViewerRequest) => void;
}

/** The review panel of one document. */
export function ReviewPanel({ documentId, me, review: state, onView }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const review = state.review;
  // Once they are asked, the form asking them goes (no one left to ask) or changes: the focus goes to
  // the reviewers' heading, just above the list that now names them.
  const reviewersHeading = useRef<HTMLHeadingElement>(null);
  const asking = useRef(false);
  const reviewerCount = review?.reviewers.length;
  useLayoutEffect(() => {
    if (!asking.current) return;
    asking.current = false;
    if (!document.activeElement || document.activeElement === document.body) reviewersHeading.current?.focus();
  }, [reviewerCount]);
  const act = async (call: () => Promise<ReviewView>) => {
    setError(null);
    try {
      state.put(await call());
    } catch (err) {
      setError(err);
      await state.refetch();
    }
  };
  if (!review) return <section className="side-panel" data-testid="review-panel">{state.error ? <p className="form-error" role="alert">{errorMessage(t, state.error)}</p> : <p role="status">{t('common.loading')}</p>}</section>;
  return (
    <section className="side-panel review-panel" aria-label={t('review.title')} data-testid="review-panel">
      {review.status !== null && <StatusControl review={review} onChange={(body) => act(() => reviewsApi.setStatus(documentId, body))} onView={onView} />}
      {(error ?? state.error) !== null && <p className="form-error" role="alert" data-testid="review-error">{errorMessage(t, error ?? state.error)}</p>}
      <p className="approvals" data-testid="approvals-count">{t('review.approvals', { fresh: review.freshApprovals, required: review.approvalsRequired })}</p>
      {review.myState !== null && <MyDecision review={review} onDecide={(decision, message) => act(() => reviewsApi.decide(documentId, { decision, ...(message ? { message } : {}) }))} onView={onView} me={me} />}
      <h3 ref={reviewersHeading} tabIndex={-1} data-testid="reviewers-heading">{t('review.reviewers')}</h3>
      {review.reviewers.length === 0 && <p className="empty">{t('review.noReviewers')}</p>}
      <ul className="reviewer-list">
        {review.reviewers.map((reviewer) => <ReviewerItem key={reviewer.member.id} reviewer={reviewer} onView={onView} />)}
      </ul>
      {review.canEdit && <RequestReviewers documentId={documentId} me={me} review={review} onRequest={(ids) => {
        asking.current = true;
        return act(() => reviewsApi.request(documentId, { reviewerIds: ids }));
      }} />}
      <ActivityLog entries={state.activity} onView={onView} />
    </section>
  );
}

/** "Changed since approved" with the diff from the approved version to now. */
function StaleNote({ versionId, onView }: { versionId: string; onView: (request: ViewerRequest) => void }) {
  const { t } = useTranslation();
  return (
    <span className="stale-note">
      <span className="badge badge-warning" data-testid="stale-badge">{t('review.stale')}</span>{' '}
      <button type="button" className="link-button" onClick={() => onView({ mode: 'diff', from: versionId, to: 'current' })} data-testid="stale-diff">
        {t('review.seeChanges')}
      </button>
    </span>
  );
}

function ReviewerItem({ reviewer, onView }: { reviewer: ReviewerView; onView: (request: ViewerRequest) => void }) {
  const { t } = useTranslation();
  return (
    <li className="reviewer" data-testid="reviewer" data-state={reviewer.state} data-member-id={reviewer.member.id}>
      <span className="reviewer-name">{reviewer.member.name}</span>{' '}
      <span className={`badge review-state-${reviewer.state}`}>{t(`review.states.${reviewer.state}`)}</span>
      {reviewer.state === 'stale' && reviewer.latest && <StaleNote versionId={reviewer.latest.versionId} onView={onView} />}
      {reviewer.latest?.message && <p className="review-message">« {reviewer.latest.message} »</p>}
      {reviewer.latest && <p className="hint">{formatDate(reviewer.latest.at)}</p>}
    </li>
  );
}

function MyDecision({ review, me, onDecide, onView }: { review: ReviewView; me: MemberSummary; onDecide: (decision: 'approve' | 'changes', message: string) => Promise<void>; onView: (request: ViewerRequest) => void }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const mine = review.reviewers.find((r) => r.member.id === me.id);
  // While a decision is being sent the buttons say so (aria-disabled) but stay focusable: a focused
  // button that became disabled would drop the focus to the top of the page.
  const decide = async (decision: 'approve' | 'changes') => {
    if (busy) return;
    setBusy(true);
    await onDecide(decision, message.trim());
    setMessage('');
    setBusy(false);
  };
  return (
    <div className="my-review" data-testid="my-review" data-state={review.myState}>
      <p>
        {t('review.asked')} <span className={`badge review-state-${review.myState}`}>{t(`review.states.${review.myState!}`)}</span>
        {review.myState === 'stale' && mine?.latest && <StaleNote versionId={mine.latest.versionId} onView={onView} />}
      </p>
      <label htmlFor="review-message">{t('review.messageLabel')}</label>
      <textarea id="review-message" value={message} maxLength={2000} rows={2} onChange={(e) => setMessage(e.target.value)} data-testid="review-message" />
      <div className="inline-form">
        <button type="button" className="primary" aria-disabled={busy || undefined} onClick={() => void decide('approve')} data-testid="review-approve">
          {review.myState === 'stale' ? t('review.reapprove') : t('review.approve')}
        </button>
        <button type="button" aria-disabled={busy || undefined} onClick={() => void decide('changes')} data-testid="review-request-changes">{t('review.requestChanges')}</button>
      </div>
    </div>
  );
}

function RequestReviewers({ documentId, me, review, onRequest }: { documentId: string; me: MemberSummary; review: ReviewView; onRequest: (ids: string[]) => Promise<void> }) {
  const { t } = useTranslation();
  const [members, setMembers] = useState<MemberSummary[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  useEffect(() => {
    commentsApi.mentionable(documentId).then((r) => setMembers(r.members), () => setMembers([]));
  }, [documentId]);
  const asked = new Set(review.reviewers.map((r) => r.member.id));
  const candidates = members.filter((m) => m.id !== me.id && !asked.has(m.id));
  if (candidates.length === 0) return null;
  const toggle = (id: string) => setChosen((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  return (
    <fieldset className="request-reviewers" data-testid="request-reviewers">
      <legend>{t('review.askLegend')}</legend>
      {candidates.map((m) => (
        <label key={m.id} className="checkbox">
          <input type="checkbox" checked={chosen.has(m.id)} onChange={() => toggle(m.id)} data-testid="reviewer-choice" data-member-id={m.id} />
          {m.name}
        </label>
      ))}
      <button type="button" disabled={chosen.size === 0} onClick={() => void onRequest([...chosen]).then(() => setChosen(new Set()))} data-testid="request-reviewers-submit">
        {t('review.ask')}
      </button>
    </fieldset>
  );
}
