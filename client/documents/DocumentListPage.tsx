/** `/w/:wid` — the collective's documents, live, with creation and archiving. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canInWorkspace } from '../../shared/permissions';
import { errorMessage } from '../api/errorMessage';
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
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canCreate && <NewDocumentForm workspaceId={workspaceId} />}
    </div>
  );
}
