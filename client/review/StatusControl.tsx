/**
 * A document's status and the moves offered from it. Accepting asks for the amount granted,
 * refusing for the reason, adopting for the date the text takes effect; the adopted version of a
 * charter, rules or procedure stays one click away.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from '../../shared/review';
import type { ChangeStatusRequest, ReviewView } from '../../shared/versions/contract';
import { formatDate } from '../app/format';
import type { ViewerRequest } from '../history/VersionViewer';

/** Statuses that need a detail before the move is sent. */
const NEEDS_DETAIL: Partial<Record<DocumentStatus, 'amountGranted' | 'reason' | 'effectiveDate'>> = {
  accepted: 'amountGranted',
  refused: 'reason',
  adopted: 'effectiveDate',
};

interface Props {
  review: ReviewView;
  onChange: (body: ChangeStatusRequest) => Promise<void>;
  onView: (request: ViewerRequest) => void;
}

/** Status badge, details and move buttons. */
export function StatusControl({ review, onChange, onView }: Props) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<DocumentStatus | null>(null);
  const [detail, setDetail] = useState('');
  const status = review.status!;
  const field = pending ? NEEDS_DETAIL[pending] : undefined;
  // The move's button goes away with the old status: the focus goes to the line that says the new one.
  const line = useRef<HTMLParagraphElement>(null);
  const moving = useRef(false);
  useLayoutEffect(() => {
    if (!moving.current) return;
    moving.current = false;
    if (!document.activeElement || document.activeElement === document.body) line.current?.focus();
  }, [status]);
  const send = async (to: DocumentStatus, value?: string) => {
    moving.current = true;
    const body: ChangeStatusRequest = { status: to };
    if (NEEDS_DETAIL[to] === 'amountGranted') body.amountGranted = Number(value);
    if (NEEDS_DETAIL[to] === 'reason') body.reason = value;
    if (NEEDS_DETAIL[to] === 'effectiveDate') body.effectiveDate = value;
    await onChange(body);
    setPending(null);
    setDetail('');
  };
  return (
    <div className="status-control">
      <p ref={line} tabIndex={-1} data-testid="status-line">
        {t('review.statusLabel')} <span className={`badge status-${status}`} data-testid="document-status" data-status={status}>{t(`statuses.${status}`)}</span>
      </p>
      {review.amountGranted !== null && <p data-testid="amount-granted">{t('review.amountGranted', { amount: new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(review.amountGranted) })}</p>}
      {review.refusalReason && <p>{t('review.refusalReason', { reason: review.refusalReason })}</p>}
      {review.effectiveDate && <p>{t('review.effectiveDate', { date: review.effectiveDate })}</p>}
      {review.adoptedVersionId && (
        <button type="button" className="link-button" onClick={() => onView({ mode: 'version', versionId: review.adoptedVersionId! })} data-testid="open-adopted-version">
          {t('history.openAdopted')}
        </button>
      )}
      {review.statusChangedBy && review.statusChangedAt && <p className="hint">{t('review.changedBy', { name: review.statusChangedBy.name, time: formatDate(review.statusChangedAt) })}</p>}
      {review.canEdit && review.next.length > 0 && (
        <div className="status-moves" role="group" aria-label={t('review.moveTo')}>
          {review.next.map((to) => (
            <button key={to} type="button" aria-pressed={pending === to} onClick={() => (NEEDS_DETAIL[to] ? setPending(to) : void send(to))} data-testid={`status-to-${to}`}>
              {t(`review.moves.${to}`)}
            </button>
          ))}
        </div>
      )}
      {pending && field && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (detail.trim() !== '') void send(pending, detail.trim()); }}>
          <label htmlFor="status-detail">{t(`review.details.${field}`)}</label>
          <input id="status-detail" type={field === 'amountGranted' ? 'number' : field === 'effectiveDate' ? 'date' : 'text'} min={0} value={detail} onChange={(e) => setDetail(e.target.value)} data-testid="status-detail" required />
          <button type="submit" data-testid="status-detail-submit">{t('review.confirmMove')}</button>
        </form>
      )}
    </div>
  );
}
