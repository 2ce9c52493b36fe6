/**
 * The comments of the open document, as the page works with them: threads kept live, the active
 * thread, the passage a new comment is being written for, the panel's filter, who may be
 * mentioned, and the bridge to the editor's highlights (what to draw, clicks, Ctrl+Alt+M).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { MemberSummary, ThreadAnchor, ThreadView } from '../../shared/api';
import { encodeRange, type PassageRange, type ProsemirrorMapping } from '../../shared/comments/anchors';
import { commentsApi } from '../api/trame';
import { setCommentHighlights, type CommentHighlightsStorage } from './commentHighlights';
import { bringAboveSheet, threadBand } from '../editor/aboveSheet';
import { useThreads, type Threads } from './useThreads';

export type ThreadFilter = 'open' | 'resolved' | 'mine' | 'mentions';

/** A new thread being written: the passage and its anchor, fixed when "Comment" was asked. */
export interface Draft {
  range: PassageRange;
  anchor: ThreadAnchor;
}

export interface Comments extends Threads {
  filter: ThreadFilter;
  setFilter: (filter: ThreadFilter) => void;
  /** Threads the filter shows. */
  visible: ThreadView[];
  activeId: string | null;
  activate: (threadId: string | null, options?: { scroll?: boolean }) => void;
  draft: Draft | null;
  /** Starts a comment on the editor's selection; false when nothing is selected. */
  startDraft: () => boolean;
  cancelDraft: () => void;
  /** Sends the draft as a new thread. */
  createThread: (body: string, mentions: string[]) => Promise<void>;
  mentionable: MemberSummary[];
  canComment: boolean;
  online: boolean;
  /** Bumped when a passage is clicked, so the panel can bring its card into view. */
  focusRequest: number;
}

const SHORTEST_QUOTE = 1;
const LONGEST_QUOTE = 2000;

/** The text of a passage, as quoted in its thread. */
function quoteOf(editor: Editor, range: PassageRange): string {
  return editor.state.doc.textBetween(range.from, range.to, '\n', ' ').slice(0, LONGEST_QUOTE);
}

/** The editor's selection as a passage; a collapsed caret inside a word takes the word. */
function selectedPassage(editor: Editor): PassageRange | null {
  const { from, to, empty, $from } = editor.state.selection;
  if (!empty) return { from, to };
  // Inline leaves (line breaks) count as one character, so offsets match document positions.
  const parent = $from.parent;
  const offset = $from.parentOffset;
  const before = /[\p{L}\p{N}’'-]*$/u.exec(parent.textBetween(0, offset, undefined, '\ufffc'))![0].length;
  const after = /^[\p{L}\p{N}’'-]*/u.exec(parent.textBetween(offset, parent.content.size, undefined, '\ufffc'))![0].length;
  if (before + after === 0) return null;
  return { from: from - before, to: from + after };
}

/** Everything the comments panel and the editor need, for one document. */
export function useComments(options: {
  documentId: string;
  editor: Editor | null;
  me: MemberSummary | null;
  revision: number | undefined;
  online: boolean;
  canComment: boolean;
  /** Thread to open first (from a notification link). */
  initialThreadId: string | null;
}): Comments {
  const { documentId, editor, me, revision, online, canComment, initialThreadId } = options;
  const threads = useThreads(documentId, revision, online);
  const [filter, setFilter] = useState<ThreadFilter>('open');
  const [activeId, setActiveId] = useState<string | null>(initialThreadId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [mentionable, setMentionable] = useState<MemberSummary[]>([]);
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (!canComment) return;
    commentsApi.mentionable(documentId).then(({ members }) => setMentionable(members.filter((m) => m.id !== me?.id)), () => {});
  }, [documentId, canComment, me?.id]);

  const visible = useMemo(() => threads.threads.filter((thread) => matches(thread, filter, me?.id ?? null)), [threads.threads, filter, me?.id]);

  // A notification opened a resolved thread: show it where it is (once, when the threads arrive).
  const initialShown = useRef(false);
  useEffect(() => {
    if (!initialThreadId || initialShown.current || !threads.loaded) return;
    initialShown.current = true;
    if (threads.threads.find((t) => t.id === initialThreadId)?.resolved) setFilter('resolved');
  }, [initialThreadId, threads.loaded, threads.threads]);

  const activate = useCallback(
    (threadId: string | null, { scroll = false } = {}) => {
      setActiveId(threadId);
      if (threadId && scroll && editor) scrollPassageIntoView(editor, threadId);
    },
    [editor],
  );

  const startDraft = useCallback((): boolean => {
    if (!editor || !canComment) return false;
    const range = selectedPassage(editor);
    const sync = ySyncPluginKey.getState(editor.state) as { binding?: { type: Y.XmlFragment; mapping: ProsemirrorMapping } } | undefined;
    if (!range || !sync?.binding) return false;
    const quote = quoteOf(editor, range);
    if (quote.trim().length < SHORTEST_QUOTE) return false;
    setDraft({ range, anchor: { ...encodeRange(sync.binding.type, sync.binding.mapping, range), quote } });
    setActiveId(null);
    if (filter !== 'open') setFilter('open');
    return true;
  }, [editor, canComment, filter]);

  // Sent or cancelled, the composer goes away: the focus goes back to the text, the caret at the
  // end of the passage, rather than falling to the top of the page.
  const backToText = useCallback(
    (range: PassageRange) => {
      if (editor && !editor.isDestroyed) editor.chain().setTextSelection(range.to).focus(undefined, { scrollIntoView: false }).run();
    },
    [editor],
  );
  const cancelDraft = useCallback(() => {
    if (draft) backToText(draft.range);
    setDraft(null);
  }, [draft, backToText]);
  const { put } = threads;
  const createThread = useCallback(
    async (body: string, mentions: string[]) => {
      if (!draft) return;
      const thread = await commentsApi.create(documentId, { anchor: draft.anchor, body, mentions });
      put(thread);
      setDraft(null);
      setActiveId(thread.id);
      // The passage is now highlighted; a selection left on it would keep offering "Comment".
      backToText(draft.range);
    },
    [documentId, draft, put, backToText],
  );

  // What the editor draws: open threads, plus the active one even if resolved (to show where it was).
  useEffect(() => {
    if (!editor) return;
    const drawn = threads.threads.filter((t) => !t.resolved || t.id === activeId).map((t) => ({ id: t.id, anchor: t.anchor }));
    setCommentHighlights(editor, { threads: drawn, activeId, pending: draft?.range ?? null });
  }, [editor, threads.threads, activeId, draft]);

  // Clicks on passages and Ctrl+Alt+M come from the editor.
  useEffect(() => {
    if (!editor) return;
    const storage = (editor.storage as unknown as Record<string, CommentHighlightsStorage>).commentHighlights;
    if (!storage) return;
    storage.onActivate = (id) => {
      setActiveId(id);
      setFocusRequest((n) => n + 1);
      const thread = threads.threads.find((t) => t.id === id);
      if (thread && !matches(thread, filter, me?.id ?? null)) setFilter(thread.resolved ? 'resolved' : 'open');
    };
    storage.onCommentRequest = () => void startDraft();
  }, [editor, threads.threads, filter, me?.id, startDraft]);

  return { ...threads, filter, setFilter, visible, activeId, activate, draft, startDraft, cancelDraft, createThread, mentionable, canComment, online, focusRequest };
}

function matches(thread: ThreadView, filter: ThreadFilter, meId: string | null): boolean {
  switch (filter) {
    case 'open':
      return thread.resolved === null;
    case 'resolved':
      return thread.resolved !== null;
    case 'mine':
      return thread.createdBy.id === meId || thread.comments.some((c) => c.author.id === meId);
    case 'mentions':
      return thread.comments.some((c) => c.mentions.some((m) => m.id === meId));
  }
}

function scrollPassageIntoView(editor: Editor, threadId: string): void {
  requestAnimationFrame(() => {
    // On a phone, above the panels sheet (which shows the thread) rather than in the middle.
    if (bringAboveSheet(threadBand(editor, threadId))) return;
    const mark = editor.view.dom.querySelector(`[data-thread-id="${CSS.escape(threadId)}"]`);
    mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
}
