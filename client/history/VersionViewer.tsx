/**
 * A dialog over the editor that shows one version read-only, or the diff between two versions (or
 * a version and now). Opened from the history panel and from "see the changes" in the review panel.
 */
import { useEffect, useState } from 'react';
import { Dialog } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import type { VersionContentResponse, VersionDiffResponse, VersionView } from '../../shared/versions/contract';
import { errorMessage } from '../api/errorMessage';
import { versionsApi } from '../api/trame';
import { formatDate } from '../app/format';
import { DiffView } from './DiffView';
import { PmContent } from './PmContent';
import { rememberFocus } from '../app/focusReturn';

/** What the viewer shows. */
export type ViewerRequest = { mode: 'version'; versionId: string } | { mode: 'diff'; from: string; to: string | 'current' };

/** A version's label: its name, or its number and time. */
export function useVersionLabel(): (version: VersionView) => string {
  const { t } = useTranslation();
  return (version) => version.name ?? t('history.versionNumber', { seq: version.seq, time: formatDate(version.createdAt) });
}

interface Props {
  documentId: string;
  request: ViewerRequest;
  onClose: () => void;
}

/** The version or diff dialog. */
export function VersionViewer({ documentId, request, onClose }: Props) {
  const { t } = useTranslation();
  const label = useVersionLabel();
  const [content, setContent] = useState<VersionContentResponse | null>(null);
  const [diff, setDiff] = useState<VersionDiffResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify(request);
  // What opened the viewer (a button in the history or review panel). Radix gives the focus back to
  // a Dialog.Trigger, and there is none here: without this it would fall to the top of the page.
  const [opener] = useState(() => rememberFocus(document.activeElement));

  useEffect(() => {
    let stale = false;
    setContent(null);
    setDiff(null);
    setError(null);
    const load = request.mode === 'version' ? versionsApi.get(documentId, request.versionId).then((c) => !stale && setContent(c)) : versionsApi.diff(documentId, request.from, request.to).then((d) => !stale && setDiff(d));
    load.catch((err) => !stale && setError(err));
    return () => {
      stale = true;
    };
    // `key` stands for the request, compared by value.
  }, [documentId, key]);

  const title = content
    ? t('history.viewing', { version: label(content.version) })
    : diff
      ? t('history.comparing', { from: label(diff.from), to: diff.to ? label(diff.to) : t('history.now') })
      : t('common.loading');
  // Radix Dialog: focus moves in and stays there, Escape closes; focus returns to what opened it.
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="version-viewer"
          aria-describedby={undefined}
          data-testid="version-viewer"
          onCloseAutoFocus={(event) => {
            const back = opener();
            if (!back) return;
            event.preventDefault();
            back.focus();
          }}
        >
          <div className="version-viewer-head">
            <Dialog.Title asChild>
              <h2>{title}</h2>
            </Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" data-testid="version-viewer-close">{t('history.close')}</button>
            </Dialog.Close>
          </div>
          {error !== null && <p className="form-error" role="alert">{errorMessage(t, error)}</p>}
          {content && <><p className="hint">{t('history.readOnly')}</p><PmContent doc={content.content} /></>}
          {diff && <DiffView diff={diff.diff} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
