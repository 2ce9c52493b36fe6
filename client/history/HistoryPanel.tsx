/**
 * The history panel: a document's versions newest first (named ones stand out, with who
 * contributed to each), "name this version", open one read-only, compare two or one with now, and
 * restore one (after confirmation) as a new change everyone sees live.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionListResponse, VersionView } from '../../shared/versions/contract';
import { errorMessage } from '../api/errorMessage';
import { versionsApi } from '../api/trame';
import { formatDate } from '../app/format';
import { useVersionLabel, type ViewerRequest } from './VersionViewer';
import { kindLabel, orderedDiff } from './versionLabels';

interface Props {
  documentId: string;
  canEdit: boolean;
  /** Grows whenever the document's versions change (meta room). */
  revision: number | undefined;
  onView: (request: ViewerRequest) => void;
}

/** Loads the versions again whenever the revision changes. */
function useVersions(documentId: string, revision: number | undefined) {
  const [list, setList] = useState<VersionListResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refetch = useCallback(async () => {
    try {
      setList(await versionsApi.list(documentId));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [documentId]);
  useEffect(() => {
    void refetch();
  }, [refetch, revision]);
  return { list, error, refetch };
}

/** The history panel of one document. */
export function HistoryPanel({ documentId, canEdit, revision, onView }: Props) {
  const { t } = useTranslation();
  const { list, error, refetch } = useVersions(documentId, revision);
  const [compareWith, setCompareWith] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const run = async (action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
      await refetch();
    } catch (err) {
      setActionError(err);
    }
  };
  const restore = (version: VersionView, label: string) => {
    if (window.confirm(t('history.confirmRestore', { version: label }))) void run(() => versionsApi.restore(documentId, version.id));
  };

  return (
    <section className="side-panel history-panel" aria-label={t('history.title')} data-testid="history-panel">
      {canEdit && <NameVersionForm onName={(name) => run(() => versionsApi.name(documentId, { name }))} />}
      {list?.adoptedVersionId && (
        <button type="button" className="link-button" onClick={() => onView({ mode: 'version', versionId: list.adoptedVersionId! })} data-testid="open-adopted">
          {t('history.openAdopted')}
        </button>
      )}
      {compareWith && <p className="hint" role="status">{t('history.pickSecond')}</p>}
      {(error ?? actionError) !== null && <p className="form-error" role="alert">{errorMessage(t, error ?? actionError)}</p>}
      {list && list.versions.length === 0 && <p className="empty">{t('history.empty')}</p>}
      <ol className="version-list">
        {list?.versions.map((version) => (
          <VersionItem
            key={version.id}
            version={version}
            canEdit={canEdit}
            comparing={compareWith}
            onView={onView}
            onCompare={() => {
              const first = compareWith === null ? undefined : list?.versions.find((v) => v.id === compareWith);
              if (!first) setCompareWith(version.id);
              else {
                // Always older → newer, whichever of the two was picked first.
                onView(orderedDiff(first, version));
                setCompareWith(null);
              }
            }}
            onRestore={restore}
          />
        ))}
      </ol>
    </section>
  );
}

function NameVersionForm({ onName }: { onName: (name: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    await onName(name.trim());
    setName('');
  };
  return (
    <form className="name-version" onSubmit={(e) => void submit(e)}>
      <label htmlFor="version-name">{t('history.nameLabel')}</label>
      <div className="inline-form">
        <input id="version-name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} placeholder={t('history.namePlaceholder')} data-testid="version-name" />
        <button type="submit" disabled={name.trim() === ''} data-testid="version-name-submit">{t('history.nameSubmit')}</button>
      </div>
    </form>
  );
}

interface ItemProps {
  version: VersionView;
  canEdit: boolean;
  comparing: string | null;
  onView: (request: ViewerRequest) => void;
  onCompare: () => void;
  onRestore: (version: VersionView, label: string) => void;
}

function VersionItem({ version, canEdit, comparing, onView, onCompare, onRestore }: ItemProps) {
  const { t } = useTranslation();
  const label = useVersionLabel()(version);
  const authors = version.authors.map((a) => a.name).join(', ');
  return (
    <li className={version.name ? 'version named' : 'version'} data-testid="version-item" data-version-id={version.id} data-kind={version.kind}>
      <div className="version-title">
        {version.name ? <strong>{version.name}</strong> : <span data-testid="version-kind">{kindLabel(t, version)}</span>}
        <span className="hint">{formatDate(version.createdAt)}</span>
      </div>
      {authors && <p className="hint">{t('history.authors', { names: authors })}</p>}
      <div className="version-actions">
        <button type="button" onClick={() => onView({ mode: 'version', versionId: version.id })} aria-label={t('history.openLabel', { version: label })} data-testid="version-open">
          {t('history.open')}
        </button>
        <button type="button" onClick={() => onView({ mode: 'diff', from: version.id, to: 'current' })} aria-label={t('history.diffNowLabel', { version: label })} data-testid="version-diff-now">
          {t('history.diffNow')}
        </button>
        {/* The name starts with the words shown, whichever they are (label in name). */}
        <button
          type="button"
          aria-pressed={comparing === version.id}
          disabled={comparing === version.id}
          onClick={onCompare}
          aria-label={comparing === null ? t('history.compareLabel', { version: label }) : t('history.compareWithLabel', { version: label })}
          data-testid="version-compare"
        >
          {comparing === null ? t('history.compare') : t('history.compareWith')}
        </button>
        {canEdit && (
          <button type="button" onClick={() => onRestore(version, label)} aria-label={t('history.restoreLabel', { version: label })} data-testid="version-restore">
            {t('history.restore')}
          </button>
        )}
      </div>
    </li>
  );
}
