/** `/w/:wid` — the collective's documents, live, with creation and archiving. */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../shared/api';
import { canInWorkspace } from '../../shared/permissions';
import { errorMessage } from '../api/errorMessage';
import { documentsApi } from '../api/trame';
import { ArchiveToast, RESTORED_NOTICE_MS, type ArchiveNotice } from '../editor/ArchiveButton';
import { useAuth, useRoleIn } from '../app/auth';
import { useDeclareWorkspace } from '../app/workspace';
import { useNow } from '../app/useNow';
import { MentoringSection } from '../mentoring/MentoringSection';
import { DocumentRow } from './DocumentRow';
import { NewDocumentForm } from './NewDocumentForm';
import { ReviewLists } from './ReviewLists';
import { mayToggleArchive } from './archiveRules';
import { useDocumentList } from './useDocumentList';

/** The document list page of one collective. */
export function DocumentListPage({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const role = useRoleIn(workspaceId);
  const [showArchived, setShowArchived] = useState(false);
  const list = useDocumentList(workspaceId, role, showArchived);
  const now = useNow();
  const toggleId = useId();
  useDeclareWorkspace(workspaceId);
  const workspaceName = me?.workspaces.find((w) => w.id === workspaceId)?.name;
  const canCreate = canInWorkspace(role, 'document.create');
  const undo = useUndoArchive(list.replace);

  return (
    <div className="page">
      <div className="page-heading">
        <h1>{t('documents.title')}{workspaceName ? <span className="heading-sub"> · {workspaceName}</span> : null}</h1>
        <div className="toggle">
          <input
            id={toggleId}
            type="checkbox"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
            data-testid="show-archived"
          />
          <label htmlFor={toggleId}>{t('documents.showArchived')}</label>
        </div>
      </div>
      {list.polling && <p className="hint">{t('documents.polling')}</p>}
      <ReviewLists workspaceId={workspaceId} role={role} />
      {role !== null && role !== 'guest' && <MentoringSection workspaceId={workspaceId} documents={list.documents} now={now} />}
      {list.error !== null && <p className="form-error" role="alert">{errorMessage(t, list.error)}</p>}
      {list.loading ? (
        <p role="status">{t('common.loading')}</p>
      ) : list.documents.length === 0 ? (
        <p className="empty" data-testid="documents-empty">
          {canCreate ? t('documents.empty') : t('documents.emptyShared')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="documents-table" aria-label={t('documents.tableLabel')} data-testid="document-list">
            <thead>
              <tr>
                <th scope="col">{t('documents.colTitle')}</th>
                <th scope="col">{t('documents.colKind')}</th>
                <th scope="col">{t('documents.colEdited')}</th>
                <th scope="col">{t('documents.colPresent')}</th>
                <th scope="col"><span className="visually-hidden">{t('documents.colActions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.documents.map((doc) => (
                <DocumentRow
                  key={doc.id}
                  doc={doc}
                  now={now}
                  canToggleArchive={mayToggleArchive(doc, role, me?.member.id ?? null)}
                  onChanged={list.replace}
                  onArchived={undo.offer}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canCreate && <NewDocumentForm workspaceId={workspaceId} />}
      {undo.error !== null && <p className="form-error" role="alert">{errorMessage(t, undo.error)}</p>}
      <ArchiveToast notice={undo.notice} busy={undo.busy} onUndo={() => void undo.run()} onDismiss={undo.dismiss} />
    </div>
  );
}

/**
 * « Document archivé — Annuler » for a document archived from its row: the row leaves the list, so
 * focus goes to « Annuler », and back to the row's button once it is restored.
 */
function useUndoArchive(replace: (doc: DocumentSummary) => void) {
  const [archived, setArchived] = useState<DocumentSummary | null>(null);
  const [notice, setNotice] = useState<ArchiveNotice>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [focusRow, setFocusRow] = useState<string | null>(null);

  useEffect(() => {
    if (notice === 'archived') document.querySelector<HTMLButtonElement>('[data-testid=archive-undo]')?.focus();
    if (notice !== 'restored') return;
    const timer = setTimeout(() => setNotice(null), RESTORED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, archived]);
  useEffect(() => {
    if (focusRow === null) return;
    document.querySelector<HTMLButtonElement>(`[data-testid=document-row][data-document-id="${CSS.escape(focusRow)}"] [data-testid=document-archive]`)?.focus();
    setFocusRow(null);
  });

  return {
    notice,
    busy,
    error,
    offer: (doc: DocumentSummary) => {
      setArchived(doc);
      setError(null);
      setNotice('archived');
    },
    dismiss: () => setNotice(null),
    run: async () => {
      if (!archived) return;
      setBusy(true);
      setError(null);
      try {
        replace((await documentsApi.restore(archived.id)).document);
        setNotice('restored');
        setFocusRow(archived.id);
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    },
  };
}
