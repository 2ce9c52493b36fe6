/**
 * Comment highlights in the editor: each open thread's passage drawn as a decoration (nothing
 * enters the document body), the active thread drawn stronger, and the passage being commented
 * (before the comment is sent) shown too. Clicking a highlighted passage activates its thread;
 * Ctrl+Alt+M asks to comment on the selection.
 *
 * Passages are found again from their Yjs relative positions whenever the body changes from Yjs
 * (remote edits, undo); local edits map the previous positions through the transaction, because
 * the Yjs binding's mapping is only brought up to date after a local transaction is applied.
 */
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { resolveRange, type EncodedRange, type PassageRange, type ProsemirrorMapping } from '../../shared/comments/anchors';

/** A thread as the editor needs it. */
export interface AnchoredThread {
  id: string;
  anchor: EncodedRange;
}

/** What the plugin knows: threads to draw, where their passages are now, and what is active. */
export interface HighlightState {
  threads: readonly AnchoredThread[];
  /** Current passage of each thread; null when detached (its text was deleted). */
  ranges: ReadonlyMap<string, PassageRange | null>;
  activeId: string | null;
  /** The selection a new comment is being written for. */
  pending: PassageRange | null;
  decorations: DecorationSet;
}

type Meta = { threads?: readonly AnchoredThread[]; activeId?: string | null; pending?: PassageRange | null };

export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights');

/** Callbacks the page sets (kept in the extension's storage so they can change without a new editor). */
export interface CommentHighlightsStorage {
  onActivate: (threadId: string) => void;
  onCommentRequest: () => void;
}

/** The Yjs body and binding mapping, once the sync plugin has them. */
function binding(state: EditorState): { type: Y.XmlFragment; mapping: ProsemirrorMapping } | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: { type: Y.XmlFragment; mapping: ProsemirrorMapping } } | undefined;
  return sync?.binding ? { type: sync.binding.type, mapping: sync.binding.mapping } : null;
}

function resolveAll(state: EditorState, threads: readonly AnchoredThread[]): Map<string, PassageRange | null> {
  const found = binding(state);
  const size = state.doc.content.size;
  return new Map(
    threads.map((thread) => {
      const range = found ? resolveRange(found.type, found.mapping, thread.anchor) : null;
      return [thread.id, range && range.to <= size ? range : null];
    }),
  );
}

function mapAll(ranges: ReadonlyMap<string, PassageRange | null>, tr: Transaction): Map<string, PassageRange | null> {
  const mapped = new Map<string, PassageRange | null>();
  for (const [id, range] of ranges) {
    if (range === null) mapped.set(id, null);
    else {
      const from = tr.mapping.map(range.from, 1);
      const to = tr.mapping.map(range.to, -1);
      mapped.set(id, from < to ? { from, to } : null);
    }
  }
  return mapped;
}

function draw(doc: EditorState['doc'], ranges: ReadonlyMap<string, PassageRange | null>, activeId: string | null, pending: PassageRange | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const [id, range] of ranges) {
    if (range === null) continue;
    const active = id === activeId;
    decorations.push(
      Decoration.inline(range.from, range.to, { class: active ? 'comment-highlight active' : 'comment-highlight', 'data-thread-id': id }, { threadId: id }),
    );
  }
  if (pending) decorations.push(Decoration.inline(pending.from, pending.to, { class: 'comment-highlight pending' }));
  return DecorationSet.create(doc, decorations);
}

/** Threads whose passage contains a position, innermost (shortest) first. */
function threadsAt(state: HighlightState, pos: number): string[] {
  return [...state.ranges]
    .filter(([, range]) => range !== null && range.from <= pos && pos <= range.to)
    .sort(([, a], [, b]) => a!.to - a!.from - (b!.to - b!.from))
    .map(([id]) => id);
}

/** Sends threads, the active thread or the pending passage to the plugin. */
export function setCommentHighlights(editor: Editor, meta: Meta): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, meta).setMeta('addToHistory', false));
}

/** The plugin's state (threads' current passages) for an editor. */
export function commentHighlightState(editor: Editor): HighlightState | undefined {
  return editor.isDestroyed ? undefined : commentHighlightsKey.getState(editor.state);
}

export const CommentHighlights = Extension.create<Record<string, never>, CommentHighlightsStorage>({
  name: 'commentHighlights',

  addStorage() {
    return { onActivate: () => {}, onCommentRequest: () => {} };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Alt-m': () => {
        this.storage.onCommentRequest();
        return true;
      },
    };
  },

  addProseMirrorPlugins() {
    const storage = this.storage;
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: (_config, state) => ({ threads: [], ranges: new Map(), activeId: null, pending: null, decorations: DecorationSet.create(state.doc, []) }),
          apply(tr, previous, _oldState, newState) {
            const meta = tr.getMeta(commentHighlightsKey) as Meta | undefined;
            const fromYjs = !!(tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
            if (!meta && !tr.docChanged) return previous;
            const threads = meta?.threads ?? previous.threads;
            const activeId = meta && 'activeId' in meta ? (meta.activeId ?? null) : previous.activeId;
            let pending = meta && 'pending' in meta ? (meta.pending ?? null) : previous.pending;
            if (pending && tr.docChanged && !(meta && 'pending' in meta)) {
              const from = tr.mapping.map(pending.from, 1);
              const to = tr.mapping.map(pending.to, -1);
              pending = from < to ? { from, to } : null;
            }
            // Local edits: Yjs' mapping is not current yet, so move the known passages along.
            const ranges = fromYjs || meta?.threads ? resolveAll(newState, threads) : mapAll(previous.ranges, tr);
            return { threads, ranges, activeId, pending, decorations: draw(newState.doc, ranges, activeId, pending) };
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
          handleClick: (view, pos) => {
            const state = commentHighlightsKey.getState(view.state);
            const [id] = state ? threadsAt(state, pos) : [];
            if (id) storage.onActivate(id);
            return false; // the click still places the caret
          },
        },
      }),
    ];
  },
});
