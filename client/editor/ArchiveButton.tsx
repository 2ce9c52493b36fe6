/**
 * Archives a document after a confirmation, with « Document archivé — Annuler » afterwards; brings
 * an archived one back in one click. The server decides who may (editors and coordinators) and
 * writes each change in the document's activity log.
 */
import { useEffect, useRef, useState } from 'react';
import { AlertDialog } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import type { DocumentResponse } from '../../shared/api';
import { documentsApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';

interface ConfirmProps {
  open: boolean;
  title: string;
  busy: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
  /** Where focus goes when the dialog closes (Radix returns it to a Trigger; this one has none). */
  returnFocus: () => HTMLElement | null;
}

/**
 * « Archiver ce document ? » (Radix AlertDialog): focus moves to Cancel, Escape cancels, and focus
 * goes back to the button that opened it.
 */
export function ConfirmArchiveDialog({ open, title, busy, onOpenChange, onConfirm, returnFocus }: ConfirmProps) {
  const { t } = useTranslation();
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content
          className="confirm-dialog"
          data-testid="archive-dialog"
          onCloseAutoFocus={(event) => {
            const target = returnFocus();
            if (!target) return;
            event.preventDefault();
            target.focus();
          }}
        >
          <AlertDialog.Title className="confirm-dialog-title">{t('archive.confirmTitle')}</AlertDialog.Title>
          <AlertDialog.Description>{t('archive.confirmBody', { title })}</AlertDialog.Description>
          <div className="confirm-dialog-actions">
            <AlertDialog.Cancel asChild>
              <button type="button" data-testid="archive-cancel">{t('common.cancel')}</button>
            </AlertDialog.Cancel>
            {/* Not an AlertDialog.Action: the dialog closes once the server has answered. */}
            <button type="button" className="button-danger" disabled={busy} onClick={onConfirm} data-testid="archive-confirm">
              {t('archive.confirm')}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/** What the archive toast says: « Document archivé — Annuler », « Document restauré », or nothing. */
export type ArchiveNotice = 'archived' | 'restored' | null;
type Notice = ArchiveNotice;

/**
 * « Document archivé — Annuler ». Always rendered, so that screen readers announce what appears in
 * its status line; its buttons sit outside that live text.
 */
export function ArchiveToast({ notice, busy, onUndo, onDismiss }: { notice: ArchiveNotice; busy: boolean; onUndo: () => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="toast" data-testid="archive-toast" data-state={notice ?? 'none'}>
      <p className="toast-text" role="status">
        {notice === 'archived' ? t('archive.archived') : notice === 'restored' ? t('archive.restored') : ''}
      </p>
      {notice === 'archived' && (
        <>
          <button type="button" className="button-link" disabled={busy} onClick={onUndo} aria-label={t('archive.undoLabel')} data-testid="archive-undo">
            {t('archive.undo')}
          </button>
          <button type="button" className="button-link toast-close" onClick={onDismiss} aria-label={t('archive.dismiss')} data-testid="archive-toast-close">
            <span aria-hidden="true">×</span>
          </button>
        </>
      )}
    </div>
  );
}

/** How long « Document restauré » stays (it offers nothing to do; « Document archivé » stays until closed). */
export const RESTORED_NOTICE_MS = 6000;

export function ArchiveButton({ info, archived, onInfo }: { info: DocumentResponse; archived: boolean; onInfo: (i: DocumentResponse) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [refocus, setRefocus] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const documentId = info.document.id;

  useEffect(() => {
    if (notice !== 'restored') return;
    const timer = setTimeout(() => setNotice(null), RESTORED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  // The page learns that the document is archived from the meta room, a moment after the answer:
  // once it has, a restore by someone else takes « Annuler » away (it would have nothing to undo).
  const seenArchived = useRef(false);
  useEffect(() => {
    if (notice !== 'archived') seenArchived.current = false;
    else if (archived) seenArchived.current = true;
    else if (seenArchived.current) setNotice(null);
  }, [archived, notice]);

  const change = async (toArchived: boolean): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      onInfo(await (toArchived ? documentsApi.archive(documentId) : documentsApi.restore(documentId)));
      return true;
    } catch (err) {
      setError(errorMessage(t, err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const archive = async () => {
    const done = await change(true);
    setConfirming(false);
    if (done) setNotice('archived');
  };
  const restore = async (fromNotice: boolean) => {
    if (!(await change(false))) return;
    setNotice('restored');
    // The notice's own button is gone with it: focus goes back to the header's button.
    if (fromNotice) setRefocus(true);
  };
  // Once it is enabled again (a disabled button cannot take focus).
  useEffect(() => {
    if (!refocus || busy) return;
    button.current?.focus();
    setRefocus(false);
  }, [refocus, busy]);

  return (
    <>
      <button
        ref={button}
        type="button"
        disabled={busy}
        aria-haspopup={archived ? undefined : 'dialog'}
        onClick={() => (archived ? void restore(false) : setConfirming(true))}
        data-testid={archived ? 'document-restore' : 'document-archive'}
      >
        {archived ? t('editor.restore') : t('editor.archive')}
      </button>
      <ConfirmArchiveDialog
        open={confirming}
        title={info.document.title}
        busy={busy}
        onOpenChange={(open) => !busy && setConfirming(open)}
        onConfirm={() => void archive()}
        returnFocus={() => button.current}
      />
      {error && <p className="field-error" role="alert">{error}</p>}
      <ArchiveToast notice={notice} busy={busy} onUndo={() => void restore(true)} onDismiss={() => setNotice(null)} />
    </>
  );
}
