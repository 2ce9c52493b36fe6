/** Pure helpers of the history panel: what an unnamed version is called, and which way a comparison goes. */
import type { TFunction } from 'i18next';
import type { VersionView } from '../../shared/versions/contract';

/** A diff between two versions, from the older to the newer (by the order they were taken), whichever was picked first. */
export function orderedDiff(a: Pick<VersionView, 'id' | 'seq'>, b: Pick<VersionView, 'id' | 'seq'>): { mode: 'diff'; from: string; to: string } {
  const [older, newer] = a.seq <= b.seq ? [a, b] : [b, a];
  return { mode: 'diff', from: older.id, to: newer.id };
}

/** What a version without a name is called: its kind or, for a status change, « Statut : En relecture → Approuvé ». */
export function kindLabel(t: TFunction, version: Pick<VersionView, 'kind' | 'statusChange'>): string {
  const change = version.kind === 'status' ? version.statusChange : null;
  if (!change) return t(`history.kinds.${version.kind}`);
  const to = t(`statuses.${change.to}`);
  return change.from ? t('history.statusChange', { from: t(`statuses.${change.from}`), to }) : t('history.statusSet', { to });
}
