/** A document's activity log: every status change, review request and decision, with who, when and which version. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from '../../shared/review';
import type { ActivityView } from '../../shared/versions/contract';
import { formatDate } from '../app/format';
import type { ViewerRequest } from '../history/VersionViewer';

/** One sentence per entry, e.g. « Béa a approuvé ». */
function describe(t: TFunction, entry: ActivityView): string {
  const d = entry.details;
  const name = entry.actor.name;
  switch (entry.kind) {
    case 'status_changed':
      return t('activity.status_changed', { name, from: t(`statuses.${d.from as DocumentStatus}`), to: t(`statuses.${d.to as DocumentStatus}`) });
    case 'version_named':
      return t('activity.version_named', { name, version: String(d.name ?? '') });
    case 'review_requested':
      return t('activity.review_requested', { name, reviewer: (d.reviewer as { name?: string } | undefined)?.name ?? '?' });
    case 'version_restored':
      return t('activity.version_restored', { name, seq: String(d.restoredSeq ?? '') });
    default:
      return t(`activity.${entry.kind}`, { name });
  }
}

/** The activity log, newest first. */
export function ActivityLog({ entries, onView }: { entries: ActivityView[]; onView: (request: ViewerRequest) => void }) {
  const { t } = useTranslation();
  return (
    <section className="activity" aria-label={t('activity.title')}>
      <h3>{t('activity.title')}</h3>
      {entries.length === 0 && <p className="empty">{t('activity.empty')}</p>}
      <ol className="activity-list" data-testid="activity-log">
        {entries.map((entry) => (
          <li key={entry.id} data-testid="activity-entry" data-kind={entry.kind}>
            <span>{describe(t, entry)}</span>
            {typeof entry.details.message === 'string' && <span className="review-message"> « {entry.details.message} »</span>}
            <span className="hint"> · {formatDate(entry.at)} </span>
            {entry.versionId && (
              <button type="button" className="link-button" onClick={() => onView({ mode: 'version', versionId: entry.versionId! })} aria-label={t('activity.openVersion')}>
                {t('activity.version')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
