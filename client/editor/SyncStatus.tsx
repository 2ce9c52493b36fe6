/** The always-visible chip saying whether the document is saved on the server. */
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../collab/syncState';
import { formatRelative } from '../app/format';
import { useNow } from '../app/useNow';

/** Below this age, how old the oldest unsaved change is goes unsaid (it is saved within a second or two). */
const SAY_AGE_AFTER_MS = 60_000;

interface Props {
  state: SyncState;
  /** Local changes not yet confirmed as stored: a count of edits, not of anything a person would count. */
  pending: number;
  /** When the oldest of them was made (ms), if known. */
  since?: number | null;
}

/**
 * Sync status chip; `data-state` carries the machine-readable state for tests and styling. It says
 * that changes are unsaved, never how many edits that is (one sentence is dozens of them), and how
 * long ago the oldest was made once that is worth saying.
 */
export function SyncStatus({ state, pending, since = null }: Props) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const old = pending > 0 && since !== null && now - since >= SAY_AGE_AFTER_MS;
  const age = old ? formatRelative(new Date(since).toISOString(), now) : null;
  return (
    <p className="sync-status" role="status" data-testid="sync-status" data-state={state} data-pending={pending}>
      <span className="sync-dot" aria-hidden="true" />
      {label(t, state, pending, age)}
    </p>
  );
}

function label(t: ReturnType<typeof useTranslation>['t'], state: SyncState, pending: number, age: string | null): string {
  switch (state) {
    case 'connecting':
      return t('sync.connecting');
    case 'syncing':
      return t('sync.syncing');
    case 'saved':
      return t('sync.saved');
    case 'unsaved':
      return age ? t('sync.unsavedSince', { age }) : t('sync.unsaved');
    case 'offline':
      if (pending === 0) return t('sync.offline');
      return age ? t('sync.offlinePendingSince', { age }) : t('sync.offlinePending');
    case 'refused':
      return t('sync.refused');
    case 'storeError':
      return t('sync.storeError');
  }
}
