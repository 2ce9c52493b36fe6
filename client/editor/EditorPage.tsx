/** `/d/:id` — loads the document's metadata, then the collaborative workspace. */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { errorMessage } from '../api/errorMessage';
import { useDeclareWorkspace } from '../app/workspace';
import { DocumentWorkspace } from './DocumentWorkspace';
import { useDocumentInfo } from './useDocumentInfo';

/** The editor page for one document. */
export function EditorPage({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const { state, reload, set } = useDocumentInfo(documentId);
  useDeclareWorkspace(state.status === 'ready' ? state.info.document.workspaceId : null);

  if (state.status === 'loading') return <p className="page-status" role="status">{t('editor.loading')}</p>;
  if (state.status === 'error') {
    return (
      <div className="page-status" role="alert" data-testid="document-error">
        <p>{errorMessage(t, state.error)}</p>
        <Link href="/">{t('common.backHome')}</Link>
      </div>
    );
  }
  // Keyed by id: another document gets fresh rooms, editor and state.
  return <DocumentWorkspace key={documentId} info={state.info} onInfo={set} reload={reload} />;
}
