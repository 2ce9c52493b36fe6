/** The document title: a one-line field for editors (renamed on blur or Enter), plain text otherwise. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentResponse } from '../../shared/api';
import { RenameDocumentRequest } from '../../shared/api';
import { documentsApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';

interface Props {
  documentId: string;
  /** The current title (live from the meta room). */
  title: string;
  editable: boolean;
  onRenamed: (info: DocumentResponse) => void;
}

/** Editable title heading of the editor page. */
export function TitleField({ documentId, title, editable, onRenamed }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(title);
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** A title we just saved and expect the live room to echo; until then the old one is stale. */
  const [expected, setExpected] = useState<string | null>(null);
  const cancelled = useRef(false);

  // Someone else renamed the document: follow, unless this member is typing a new title.
  useEffect(() => {
    if (focused || (expected !== null && title !== expected)) return;
    setExpected(null);
    setDraft(title);
  }, [title, focused, expected]);

  useEffect(() => {
    if (expected === null) return;
    // The live room may be down: stop waiting for its echo after a while.
    const timer = setTimeout(() => setExpected(null), 3000);
    return () => clearTimeout(timer);
  }, [expected]);

  if (!editable) {
    return <h1 className="doc-title" data-testid="document-title">{title}</h1>;
  }

  const commit = async () => {
    setFocused(false);
    const next = draft.trim();
    if (cancelled.current || next === title || !RenameDocumentRequest.safeParse({ title: next }).success) {
      cancelled.current = false;
      setDraft(title);
      return;
    }
    setError(null);
    setExpected(next);
    try {
      onRenamed(await documentsApi.rename(documentId, { title: next }));
    } catch (err) {
      setExpected(null);
      setDraft(title);
      setError(errorMessage(t, err));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      event.currentTarget.blur();
    } else if (event.key === 'Escape') {
      cancelled.current = true;
      event.currentTarget.blur();
    }
  };

  return (
    <div className="doc-title-wrap">
      <h1 className="doc-title">
        {/* A one-line text area that grows: a long title wraps instead of being cut (phones). */}
        <textarea
          className="doc-title-input"
          rows={1}
          aria-label={t('editor.titleLabel')}
          value={draft}
          maxLength={200}
          onChange={(e) => setDraft(e.target.value)}
          onFocus={() => setFocused(true)}
          onBlur={() => void commit()}
          onKeyDown={onKeyDown}
          data-testid="document-title"
        />
      </h1>
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}
