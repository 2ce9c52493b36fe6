/**
 * The comments margin beside the editor: filter, "Comment" button, the new comment being written,
 * and the threads. On wide screens each card sits level with its passage (see layout.ts); on
 * narrow ones the cards simply follow each other below the text.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import type { MemberSummary } from '../../shared/api';
import { errorMessage } from '../api/errorMessage';
import { commentHighlightState, type HighlightState } from './commentHighlights';
import { CommentComposer } from './CommentComposer';
import { placeCards, type CardBox } from './layout';
import { ThreadCard } from './ThreadCard';
import type { Comments, ThreadFilter } from './useComments';

const DRAFT_ID = '__draft';
const FILTERS: ThreadFilter[] = ['open', 'resolved', 'mine', 'mentions'];
const FILTER_LABELS = { open: 'comments.filterOpen', resolved: 'comments.filterResolved', mine: 'comments.filterMine', mentions: 'comments.filterMentions' } as const;
/** Cards sit beside the text only when the layout has a margin column (see styles.css). */
const SIDE_BY_SIDE = '(min-width: 1101px)';

/** The highlights' state, re-read after every editor transaction. */
function useHighlightState(editor: Editor): HighlightState | undefined {
  const subscribe = useCallback(
    (onChange: () => void) => {
      editor.on('transaction', onChange);
      return () => void editor.off('transaction', onChange);
    },
    [editor],
  );
  return useSyncExternalStore(subscribe, () => commentHighlightState(editor));
}

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = () => setMatches(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

/** The comments panel for one document. */
export function CommentsPanel({ editor, comments, me }: { editor: Editor; comments: Comments; me: MemberSummary }) {
  const { t } = useTranslation();
  const highlights = useHighlightState(editor);
  const aligned = useMediaQuery(SIDE_BY_SIDE);
  const track = useRef<HTMLDivElement>(null);
  const cards = useRef(new Map<string, HTMLElement>());
  const [tops, setTops] = useState<Map<string, number>>(new Map());
  const [, setResized] = useState(0);
  const { visible, draft, activeId } = comments;

  // Measure cards and passages, then place the cards; again whenever any of them changes.
  useLayoutEffect(() => {
    if (!aligned || !track.current || editor.isDestroyed) return;
    const origin = track.current.getBoundingClientRect().top;
    const wantAt = (pos: number): number | null => {
      try {
        return editor.view.coordsAtPos(pos).top - origin;
      } catch {
        return null;
      }
    };
    const boxes: CardBox[] = visible.map((thread) => {
      const range = highlights?.ranges.get(thread.id) ?? null;
      return { id: thread.id, want: range ? wantAt(range.from) : null, height: cards.current.get(thread.id)?.offsetHeight ?? 0 };
    });
    if (draft) boxes.push({ id: DRAFT_ID, want: wantAt(draft.range.from), height: cards.current.get(DRAFT_ID)?.offsetHeight ?? 0 });
    const next = placeCards(boxes, draft ? DRAFT_ID : activeId);
    setTops((current) => (sameTops(current, next) ? current : next));
  });

  // Card heights change as people type replies; the window can be resized.
  useEffect(() => {
    const bump = () => setResized((n) => n + 1);
    const observer = new ResizeObserver(bump);
    for (const element of cards.current.values()) observer.observe(element);
    if (track.current) observer.observe(editor.view.dom);
    window.addEventListener('resize', bump);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', bump);
    };
  }, [editor, visible, draft]);

  // A click on a passage brings its card into view.
  useEffect(() => {
    if (comments.focusRequest === 0 || !activeId) return;
    requestAnimationFrame(() => cards.current.get(activeId)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
  }, [comments.focusRequest, activeId]);

  // A thread resolved (or reopened) leaves the list it was shown in, and its « Résoudre » button
  // with it: the focus goes to the next thread (or the one before), or to the heading when none is left.
  const heading = useRef<HTMLHeadingElement>(null);
  const leaving = useRef<{ id: string; next: string | null } | null>(null);
  const onToggled = (id: string) => {
    const at = visible.findIndex((thread) => thread.id === id);
    leaving.current = { id, next: (visible[at + 1] ?? visible[at - 1])?.id ?? null };
  };
  useLayoutEffect(() => {
    const left = leaving.current;
    leaving.current = null;
    if (!left || visible.some((thread) => thread.id === left.id)) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    ((left.next ? cards.current.get(left.next) : undefined) ?? heading.current)?.focus();
  }, [visible]);

  const keep = (id: string) => (element: HTMLElement | null) => {
    if (element) cards.current.set(id, element);
    else cards.current.delete(id);
  };
  const place = (id: string): React.CSSProperties | undefined => (aligned ? { position: 'absolute', top: tops.get(id) ?? 0, left: 0, right: 0 } : undefined);
  const height = aligned ? Math.max(0, ...[...tops].map(([id, top]) => top + (cards.current.get(id)?.offsetHeight ?? 0))) : undefined;

  return (
    <aside className="comments-panel" aria-label={t('comments.panel')} data-testid="comments-panel">
      <div className="comments-head">
        <h2 className="sidebar-title" ref={heading} tabIndex={-1} data-testid="comments-heading">{t('comments.panel')}</h2>
        <label className="comments-filter">
          <span className="visually-hidden">{t('comments.filter')}</span>
          <select value={comments.filter} onChange={(e) => comments.setFilter(e.target.value as ThreadFilter)} data-testid="comments-filter">
            {FILTERS.map((f) => (
              <option key={f} value={f}>{t(FILTER_LABELS[f])}</option>
            ))}
          </select>
        </label>
      </div>
      {comments.error !== null && <p className="field-error" role="alert">{t('comments.loadFailed')} {errorMessage(t, comments.error)}</p>}
      {comments.loaded && visible.length === 0 && !draft && (
        <p className="muted comments-empty" data-testid="comments-empty">
          {t('comments.empty')} {comments.canComment && comments.filter === 'open' ? t('comments.emptyHint') : ''}
        </p>
      )}
      <div className="comments-track" ref={track} style={{ height }}>
        {draft && (
          <section ref={keep(DRAFT_ID)} className="thread-card active draft" style={place(DRAFT_ID)} aria-label={t('comments.newLabel', { quote: draft.anchor.quote.slice(0, 60) })} data-testid="comment-draft">
            <p className="thread-quote"><q>{draft.anchor.quote.slice(0, 60)}</q></p>
            <CommentComposer
              label={t('comments.newLabel', { quote: draft.anchor.quote.slice(0, 60) })}
              placeholder={t('comments.placeholder')}
              submitLabel={t('comments.submit')}
              members={comments.mentionable}
              online={comments.online}
              autoFocus
              onSubmit={comments.createThread}
              onCancel={comments.cancelDraft}
              testId="new-comment"
            />
          </section>
        )}
        {visible.map((thread) => (
          <ThreadCard
            key={thread.id}
            ref={keep(thread.id)}
            style={place(thread.id)}
            thread={thread}
            me={me}
            detached={highlights?.ranges.has(thread.id) === true && highlights.ranges.get(thread.id) === null}
            active={thread.id === activeId}
            canComment={comments.canComment}
            online={comments.online}
            mentionable={comments.mentionable}
            onActivate={() => comments.activate(thread.id, { scroll: true })}
            put={comments.put}
            putComment={comments.putComment}
            drop={comments.drop}
            onToggled={onToggled}
          />
        ))}
      </div>
    </aside>
  );
}

function sameTops(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, top] of a) if (Math.abs((b.get(id) ?? NaN) - top) > 0.5) return false;
  return true;
}
