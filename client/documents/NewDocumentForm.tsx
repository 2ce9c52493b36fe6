/** "Nouveau document": title + kind; creates the document (template in the interface language) and opens it. */
import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useTranslation } from 'react-i18next';
import { CreateDocumentRequest, DOCUMENT_KINDS, type DocumentKind } from '../../shared/api';
import { documentsApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { FormError, TextField, useFormFields, validate } from '../app/forms';
import { currentLanguage } from '../i18n';

/** The creation form of the document list page. */
export function NewDocumentForm({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const kindId = useId();
  const { values, setFieldErrors, bind } = useFormFields<'title' | 'kind'>({ title: '', kind: 'proposal' }, 'new-document');
  const [kind, setKind] = useState<DocumentKind>('proposal');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    // The template's headings are written in the creator's interface language.
    const checked = validate(CreateDocumentRequest, { title: values.title, kind, language: currentLanguage() });
    setFieldErrors(checked.ok ? {} : checked.errors);
    setError(null);
    if (!checked.ok) return;
    setBusy(true);
    try {
      const created = await documentsApi.create(workspaceId, checked.data);
      navigate(`/d/${created.id}`);
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="new-document-heading">
      <h2 id="new-document-heading">{t('documents.newHeading')}</h2>
      <form className="inline-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="new-document-form">
        <TextField label={t('documents.newTitle')} autoComplete="off" maxLength={200} {...bind('title')} />
        <div className="field">
          <label htmlFor={kindId}>{t('documents.newKind')}</label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)} data-testid="new-document-kind">
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>{t(`kinds.${k}`)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="button-primary" disabled={busy} data-testid="new-document-submit">
          {busy ? t('documents.newBusy') : t('documents.newSubmit')}
        </button>
      </form>
      <FormError message={error} testId="new-document-error" />
    </section>
  );
}
