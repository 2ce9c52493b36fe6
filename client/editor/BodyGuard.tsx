/**
 * A body the editor cannot render (old data, another server, a bug) must not blank the page: the
 * editor sits in an error boundary, and when it fails, a panel says so in its place while the
 * header and the history stay, so that an editor can restore a good version. Nothing is thrown
 * away meanwhile: the Y.Doc, its IndexedDB copy and the connection live outside the editor.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { BODY_FRAGMENT } from '../../shared/rooms';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { bodyFits } from './bodyFit';

/** Whether the body can be shown, and how the editor area reports and retries. */
export interface BodyGuard {
  /** The editor could not display the body: show the panel in its place. */
  broken: boolean;
  /** Changes whenever the editor must be built anew (its key). */
  attempt: number;
  /** The editor failed on the body (it threw while rendering, or its binding reported a content error). */
  fail: () => void;
  /** Builds the editor again (the member asked). */
  retry: () => void;
}

/**
 * The guard of one document's editor, once the body is `ready` to be shown. While the body is
 * broken, changes arriving with `remoteOrigin` (the provider: a restore, a repair by another
 * member) retry it.
 */
export function useBodyGuard(doc: Y.Doc | null, ready: boolean, remoteOrigin: unknown): BodyGuard {
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => {
    setFailed(false);
    setAttempt((n) => n + 1);
  }, []);
  const fail = useCallback(() => setFailed(true), []);
  // Checked before each editor is built on the body: one that does not fit never reaches y-tiptap,
  // which would throw, or delete what it cannot build (see bodyFit.ts). `attempt` asks again.
  const fits = useMemo(() => !ready || !doc || bodyFits(doc.getXmlFragment(BODY_FRAGMENT)), [doc, ready, attempt]);
  const broken = failed || !fits;

  // Once per change: our own origins are left out, so that a failing render that writes (y-tiptap
  // deletes the nodes it cannot build) cannot loop.
  useEffect(() => {
    if (!broken || !doc) return;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === remoteOrigin) retry();
    };
    doc.on('update', onUpdate);
    return () => doc.off('update', onUpdate);
  }, [broken, doc, remoteOrigin, retry]);

  return { broken, attempt, fail, retry };
}

/** The editor inside its boundary, or the panel once the body could not be displayed. */
export function GuardedEditor({ guard, canEdit, children }: { guard: BodyGuard; canEdit: boolean; children: ReactNode }) {
  if (guard.broken) return <BodyErrorPanel canEdit={canEdit} onRetry={guard.retry} />;
  return (
    <ErrorBoundary key={guard.attempt} what="the document editor" fallback={null} onError={guard.fail}>
      {children}
    </ErrorBoundary>
  );
}

/** Says that the content cannot be displayed, and how to get it back. */
export function BodyErrorPanel({ canEdit, onRetry }: { canEdit: boolean; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-error body-error" role="alert" data-testid="body-error">
      <p>
        <strong>{t('editor.bodyBroken')}</strong>
      </p>
      <p>{t(canEdit ? 'editor.bodyBrokenRestore' : 'editor.bodyBrokenAsk')}</p>
      <button type="button" onClick={onRetry} data-testid="body-error-retry">
        {t('editor.bodyBrokenRetry')}
      </button>
    </div>
  );
}
