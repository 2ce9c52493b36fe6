/**
 * A diff shown inline: inserted text in <ins>, deleted text in <del>, reformatted text marked with
 * what its formatting was, moved blocks labelled at both ends, and table cells named by row and column.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DiffBlock, DiffSegment, DocumentDiff, MarkRef } from '../../shared/versions/diff';
import { withMarks } from './PmContent';

function markNames(t: TFunction, marks: readonly MarkRef[] | undefined): string {
  // A mark the catalogue does not name (none today) shows its type.
  return marks && marks.length > 0 ? marks.map((m) => t(`history.marks.${m.type}` as 'history.marks.bold', { defaultValue: m.type })).join(', ') : t('history.marks.none');
}

function Segment({ segment, index }: { segment: DiffSegment; index: number }) {
  const { t } = useTranslation();
  const text = withMarks(segment.text, segment.marks);
  if (segment.change === 'insert') return <ins key={index} data-testid="diff-insert">{text}</ins>;
  if (segment.change === 'delete') return <del key={index} data-testid="diff-delete">{text}</del>;
  if (segment.change === 'format') {
    const note = t('history.formatChanged', { before: markNames(t, segment.oldMarks), after: markNames(t, segment.marks) });
    return <span key={index} className="diff-format" title={note} aria-label={`${segment.text} (${note})`} data-testid="diff-format">{text}</span>;
  }
  return <span key={index}>{text}</span>;
}

/** Where a block sits, in words (« Tableau, ligne 2, colonne 3 », « Liste »). */
function contextLabel(t: TFunction, block: DiffBlock): string | null {
  const row = block.context.find((c) => c.type === 'tableRow')?.index;
  const cell = block.context.find((c) => c.type === 'tableCell' || c.type === 'tableHeader')?.index;
  if (row !== undefined && cell !== undefined) return t('history.tableCell', { row, column: cell });
  if (block.context.some((c) => c.type === 'listItem')) return t('history.listItem');
  if (block.context.some((c) => c.type === 'blockquote')) return t('history.quote');
  return null;
}

function Block({ block }: { block: DiffBlock }) {
  const { t } = useTranslation();
  const label = contextLabel(t, block);
  const Tag = block.type === 'heading' ? (`h${Math.min(Number(block.attrs.level ?? 2) + 2, 6)}` as 'h4') : block.type === 'codeBlock' ? 'pre' : 'p';
  const moved = block.change === 'moved_from' ? t('history.movedFrom') : block.change === 'moved_to' ? t('history.movedTo') : null;
  return (
    <div className={`diff-block diff-${block.change}`} data-testid="diff-block" data-change={block.change}>
      {(label || moved) && <span className="diff-context">{[label, moved].filter(Boolean).join(' · ')}</span>}
      {block.type === 'horizontalRule' ? <hr /> : <Tag>{block.segments.map((segment, i) => <Segment key={i} segment={segment} index={i} />)}</Tag>}
    </div>
  );
}

/** The whole diff; unchanged blocks far from any change are folded to keep changes in view. */
export function DiffView({ diff }: { diff: DocumentDiff }) {
  const { t } = useTranslation();
  const changed = diff.blocks.map((b) => b.change !== 'equal');
  const near = (i: number) => changed[i] || changed[i - 1] || changed[i + 1];
  const { insertions, deletions, formatChanges, moves } = diff.stats;
  if (!changed.some(Boolean)) return <p className="empty" data-testid="diff-none">{t('history.noChanges')}</p>;
  return (
    <div className="diff" data-testid="diff">
      <p className="hint" data-testid="diff-stats">{t('history.stats', { insertions, deletions, formats: formatChanges, moves })}</p>
      {diff.blocks.map((block, i) => (near(i) ? <Block key={i} block={block} /> : !near(i - 1) ? null : <p key={i} className="diff-fold" aria-hidden="true">⋯</p>))}
    </div>
  );
}
