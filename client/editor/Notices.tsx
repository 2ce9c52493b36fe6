/** Banners above the editor: refused connection, storage failure, offline, read-only. */
import { useState } from 'react';
import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import type { Access } from '../../shared/permissions';
import { CloseCode } from '../../shared/rooms';
import type { CloseInfo } from '../collab/CollabSession';
import { closeMessageKey } from '../collab/closeMessages';
import type { SyncState } from '../collab/syncState';

interface Props {
  syncState: SyncState;
  closeInfo: CloseInfo | null;
  ready: boolean;
  archived: boolean;
  access: Access;
}

/** The notices relevant to the document's current state, most serious first. */
export function Notices({ syncState, closeInfo, ready, archived, access }: Props) {
  const { t } = useTranslation();
  const here = typeof window === 'undefined' ? '/' : window.location.pathname;
  // Archived while the page was open (by this member or another): said out loud, not only shown,
  // since the editor has just stopped taking keystrokes.
  const [openedArchived] = useState(archived);
  const justArchived = archived && !openedArchived;
  return (
    <div className="notices">
      {syncState === 'refused' && closeInfo && (
        <div className="banner banner-error" role="alert" data-testid="refused-banner" data-code={closeInfo.code}>
          <p>{t(closeMessageKey(closeInfo.code), { code: closeInfo.code })}</p>
          {closeInfo.code === CloseCode.UNAUTHENTICATED && (
            <Link href={`/login?next=${encodeURIComponent(here)}`}>{t('close.signIn')}</Link>
          )}
          {closeInfo.code === CloseCode.OUTDATED_CLIENT && (
            <button type="button" onClick={() => window.location.reload()}>{t('common.reload')}</button>
          )}
        </div>
      )}
      {syncState === 'storeError' && (
        <div className="banner banner-error" role="alert" data-testid="store-error-banner">
          <p>{t(closeMessageKey(closeInfo?.code ?? CloseCode.STORE_FAILED), { code: closeInfo?.code ?? 0 })}</p>
        </div>
      )}
      {syncState === 'offline' && ready && (
        <div className="banner banner-warning" data-testid="offline-banner">
          <p>{t('editor.offlineBanner')}</p>
        </div>
      )}
      {archived ? (
        <div className="banner banner-info" role={justArchived ? 'alert' : undefined} data-testid="read-only-notice" data-reason="archived" data-just-archived={justArchived}>
          <p>{justArchived ? t('archive.archivedNow') : t('editor.readOnlyArchived')}</p>
        </div>
      ) : (
        access !== 'edit' && (
          <div className="banner banner-info" data-testid="read-only-notice" data-reason="access">
            <p>{t('editor.readOnlyAccess', { access: t(`access.${access}`) })}</p>
          </div>
        )
      )}
    </div>
  );
}
