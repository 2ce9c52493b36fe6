/**
 * « Mes accompagnements » on a mentor's home: each newcomer's documents and whether someone
 * changed them since the mentor last had them open. Fetched again whenever the live document
 * list shows a new edit (its `updatedAt` values change).
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { DocumentSummary, MentoredDocument } from '../../shared/api';
import { mentoringApi } from '../api/trame';
import { formatDate, formatRelative } from '../app/format';
import { useFetched } from '../app/useFetched';

function MentoredRow({ doc, now }: { doc: MentoredDocument; now: number }) {
  const { t } = useTranslation();
  return (
    <li data-testid="mentored-document" data-document-id={doc.id} data-changed={doc.changed}>
      <Link href={`/d/${encodeURIComponent(doc.id)}`} className="document-link">{doc.title}</Link>{' '}
      <span className="muted" title={formatDate(doc.updatedAt)}>
        {t('mentoring.editedBy', { time: formatRelative(doc.updatedAt, now), name: doc.updatedBy?.name ?? '?' })}
      </span>{' '}
      {doc.changed ? (
        <span className="badge" data-testid="mentored-changed">{t('mentoring.changed')}</span>
      ) : (
        <span className="muted">{t('mentoring.seen')}</span>
      )}
      {doc.lastVisitedAt === null && <span className="muted"> · {t('mentoring.neverOpened')}</span>}
    </li>
  );
}

/** The section; renders nothing for members who mentor nobody. */
export function MentoringSection({ workspaceId, documents, now }: { workspaceId: string; documents: DocumentSummary[]; now: number }) {
  const { t } = useTranslation();
  const edits = documents.map((d) => d.updatedAt).sort().join();
  const { data } = useFetched(`${workspaceId} ${edits}`, () => mentoringApi.home(workspaceId));
  if (!data || data.newcomers.length === 0) return null;
  return (
    <section className="mentoring-home card" aria-labelledby="mentoring-title" data-testid="mentoring-home">
      <h2 id="mentoring-title">{t('mentoring.homeTitle')}</h2>
      <p className="hint">{t('mentoring.homeIntro')}</p>
      {data.newcomers.map(({ newcomer, documents: docs }) => (
        <div key={newcomer.id} data-testid="mentored-newcomer" data-member-id={newcomer.id}>
          <h3>{t('mentoring.newcomerDocs', { name: newcomer.name })}</h3>
          {docs.length === 0 ? (
            <p className="muted">{t('mentoring.noDocuments', { name: newcomer.name })}</p>
          ) : (
            <ul>{docs.map((doc) => <MentoredRow key={doc.id} doc={doc} now={now} />)}</ul>
          )}
        </div>
      ))}
    </section>
  );
}
