/** Archives a document, or brings an archived one back. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentResponse } from '../../shared/api';
import { documentsApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';

export function ArchiveButton({ info, archived, onInfo }: { info: DocumentResponse; archived: boolean; onInfo: (i: DocumentResponse) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      onInfo(await (archived ? documentsApi.restore(info.document.id) : documentsApi.archive(info.document.id)));
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run()} data-testid={archived ? 'document-restore' : 'document-archive'}>
        {archived ? t('editor.restore') : t('editor.archive')}
      </button>
      {error && <p className="field-error" role="alert">{error}</p>}
    </>
  );
}
