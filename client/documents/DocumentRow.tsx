/** One row of the document list. */
import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../shared/api';
import { documentsApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { formatDate, formatRelative } from '../app/format';
import { AvatarStack } from '../presence/Avatar';
import { CommentIcon } from '../app/icons';
import { ConfirmArchiveDialog } from '../editor/ArchiveButton';

/** A document with its kind, last edit, who is in it, and the archive/restore action. */
export function DocumentRow({
  doc,
  now,
  canToggleArchive,
  onChanged,
  onArchived,
}: {
  doc: DocumentSummary;
  now: number;
  canToggleArchive: boolean;
  onChanged: (doc: DocumentSummary) => void;
  /** Called once the document was archived from this row (the page offers to undo it). */
  onArchived?: (doc: DocumentSummary) => void;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const time = formatRelative(doc.updatedAt, now, i18n.resolvedLanguage);

  const toggleArchive = async () => {
    setBusy(true);
    setError(null);
    try {
      const wasArchived = doc.archived;
      const response = await (wasArchived ? documentsApi.restore(doc.id) : documentsApi.archive(doc.id));
      setConfirming(false);
      onChanged(response.document);
      if (!wasArchived) onArchived?.(response.document);
    } catch (err) {
      setConfirming(false);
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-testid="document-row" data-document-id={doc.id} className={doc.archived ? 'archived' : undefined}>
      <th scope="row">
        <Link href={`/d/${doc.id}`} className="document-link" data-testid="document-link" data-document-id={doc.id}>
          {doc.title}
        </Link>
        {doc.archived && <span className="badge badge-muted">{t('documents.archivedBadge')}</span>}
        {doc.openThreads > 0 && (
          <span className="badge badge-comments" role="img" aria-label={t('comments.openCount', { count: doc.openThreads })} title={t('comments.openCount', { count: doc.openThreads })} data-testid="open-threads">
            <CommentIcon /> <span aria-hidden="true">{doc.openThreads}</span>
          </span>
        )}
      </th>
      <td>
        <span className="badge" data-kind={doc.kind}>{t(`kinds.${doc.kind}`)}</span>
        {doc.status && (
          <span className="badge badge-status" data-status={doc.status} data-testid="list-status">
            {t(`statuses.${doc.status}`)}
          </span>
        )}
      </td>
      <td>
        <time dateTime={doc.updatedAt} title={formatDate(doc.updatedAt)}>
          {doc.updatedBy ? t('documents.editedBy', { time, name: doc.updatedBy.name }) : time}
        </time>
      </td>
      <td>
        <AvatarStack members={doc.present} emptyLabel={t('documents.nobody')} />
      </td>
      <td>
        {canToggleArchive && (
          <button
            ref={button}
            type="button"
            className="button-quiet"
            disabled={busy}
            aria-haspopup={doc.archived ? undefined : 'dialog'}
            // Archiving asks first; restoring changes nothing anyone would miss.
            onClick={() => (doc.archived ? void toggleArchive() : setConfirming(true))}
            aria-label={t(doc.archived ? 'documents.restoreLabel' : 'documents.archiveLabel', { title: doc.title })}
            data-testid={doc.archived ? 'document-restore' : 'document-archive'}
          >
            {t(doc.archived ? 'documents.restore' : 'documents.archive')}
          </button>
        )}
        {canToggleArchive && !doc.archived && (
          <ConfirmArchiveDialog
            open={confirming}
            title={doc.title}
            busy={busy}
            onOpenChange={(open) => !busy && setConfirming(open)}
            onConfirm={() => void toggleArchive()}
            // Archived, the row leaves the list: focus goes to the page's « Annuler » instead.
            returnFocus={() => (button.current?.isConnected ? button.current : document.querySelector<HTMLElement>('[data-testid=archive-undo]'))}
          />
        )}
        {error && <p className="field-error" role="alert">{error}</p>}
      </td>
    </tr>
  );
}
