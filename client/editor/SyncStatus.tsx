/** The always-visible chip saying whether the document is saved on the server. */
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../collab/syncState';

/** Sync status chip; `data-state` carries the machine-readable state for tests and styling. */
export function SyncStatus({ state, pending }: { state: SyncState; pending: number }) {
  const { t } = useTranslation();
  return (
    <p className="sync-status" role="status" data-testid="sync-status" data-state={state} data-pending={pending}>
      <span className="sync-dot" aria-hidden="true" />
      {label(t, state, pending)}
    </p>
  );
}

function label(t: ReturnType<typeof useTranslation>['t'], state: SyncState, pending: number): string {
  switch (state) {
    case 'connecting':
      return t('sync.connecting');
    case 'syncing':
      return t('sync.syncing');
    case 'saved':
      return t('sync.saved');
    case 'unsaved':
      return t('sync.unsaved', { count: pending });
    case 'offline':
      return pending > 0 ? t('sync.offlinePending', { count: pending }) : t('sync.offline');
    case 'refused':
      return t('sync.refused');
    case 'storeError':
      return t('sync.storeError');
  }
}
