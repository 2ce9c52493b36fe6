/**
 * The document's language (fr/en) and its « Typographie française automatique » switch, saved as
 * soon as changed (`PATCH /api/documents/:id`) and followed live from the meta room. Disabled for
 * those who cannot edit the document. Also what the editor needs from these settings:
 * `documentTextSettings` says which `lang` its text has and whether French typography applies.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_LANGUAGES, type DocumentLanguage, type DocumentResponse, type DocumentSummary } from '../../shared/api';
import { documentsApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import type { LiveMeta } from './useLiveMeta';

/** What the editor takes from a document's settings. */
export interface TextSettings {
  /** The `lang` of the document's text. */
  language: DocumentLanguage;
  /** The document's own switch (stored even for English documents, where it does nothing). */
  typography: boolean;
  /** Whether French typography applies as one types: a French document with the switch on. */
  frenchTypography: boolean;
}

/**
 * The settings in force: the meta room's live values, else the document as last fetched, else the
 * defaults (a copy cached by an older version of the app has neither field).
 */
export function documentTextSettings(live: Pick<LiveMeta, 'language' | 'typography'>, document?: Partial<Pick<DocumentSummary, 'language' | 'typography'>> | null): TextSettings {
  const language = live.language ?? document?.language ?? 'fr';
  const typography = live.typography ?? document?.typography ?? true;
  return { language, typography, frenchTypography: language === 'fr' && typography };
}

export interface DocumentSettingsProps {
  documentId: string;
  /** Current values (live: `documentTextSettings(useLiveMeta(id), info.document)`). */
  language: DocumentLanguage;
  typography: boolean;
  /** Whether this member may change them (edit access); the controls are disabled otherwise. */
  canEdit: boolean;
  /** The document as the server answered a change (e.g. `useDocumentInfo`'s `set`). */
  onChanged?: (info: DocumentResponse) => void;
}

/** Language select and typography checkbox; `data-testid="document-settings"`. */
export function DocumentSettings({ documentId, language, typography, canEdit, onChanged }: DocumentSettingsProps) {
  const { t } = useTranslation();
  const languageId = useId();
  const typographyId = useId();
  const hintId = useId();
  // What this member just chose, shown until the live room echoes it (or the change fails).
  const [draft, setDraft] = useState<{ language?: DocumentLanguage; typography?: boolean }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setDraft((current) => {
      const next = { ...current };
      if (next.language === language) delete next.language;
      if (next.typography === typography) delete next.typography;
      return Object.keys(next).length === Object.keys(current).length ? current : next;
    });
  }, [language, typography]);

  const shownLanguage = draft.language ?? language;
  const shownTypography = draft.typography ?? typography;

  const save = async (change: { language?: DocumentLanguage; typography?: boolean }) => {
    setError(null);
    setDraft((current) => ({ ...current, ...change }));
    setBusy(true);
    try {
      const info = await documentsApi.update(documentId, change);
      onChanged?.(info);
    } catch (err) {
      setDraft({});
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="document-settings" data-testid="document-settings" disabled={!canEdit}>
      <legend>{t('documentSettings.label')}</legend>
      <div className="field">
        <label htmlFor={languageId}>{t('documentSettings.language')}</label>
        <select
          id={languageId}
          value={shownLanguage}
          onChange={(e) => void save({ language: e.target.value as DocumentLanguage })}
          data-testid="document-language"
        >
          {DOCUMENT_LANGUAGES.map((value) => (
            <option key={value} value={value} lang={value}>
              {t(`documentSettings.languages.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="toggle">
        <input
          id={typographyId}
          type="checkbox"
          checked={shownTypography}
          onChange={(e) => void save({ typography: e.target.checked })}
          aria-describedby={hintId}
          aria-busy={busy || undefined}
          data-testid="document-typography"
        />
        <label htmlFor={typographyId}>{t('documentSettings.typography')}</label>
      </div>
      <p id={hintId} className="hint">
        {t('documentSettings.typographyHint')} {shownLanguage !== 'fr' && t('documentSettings.typographyFrenchOnly')}
        {!canEdit && ` ${t('documentSettings.readOnly')}`}
      </p>
      {error && <p className="field-error" role="alert">{error}</p>}
    </fieldset>
  );
}
