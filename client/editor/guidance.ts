/**
 * Guidance beside the text, never in it: a template section starts with an empty paragraph (or an
 * empty first list item), and while it stays empty the editor shows what to write there as a
 * placeholder: TipTap's Placeholder extension, a decoration (the paragraph's `data-placeholder`
 * attribute, drawn by CSS generated content, see client/styles.css), so nothing is stored and
 * nothing reaches the others.
 *
 * The section is found by the heading just before the paragraph, matched against the templates'
 * headings in either language (a document created in English keeps English headings when read in
 * French); the guidance is shown in the interface's current language. An empty document shows the
 * general placeholder instead.
 */
import { getChangedRanges, type Editor } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Placeholder } from '@tiptap/extensions';
import i18next from 'i18next';
import type { DocumentKind } from '../../shared/api';
import { sectionGuidance, sectionOfHeading, TEMPLATE_LANGUAGES, type TemplateLanguage } from '../../shared/templates';

/** Containers whose first text block is where a section starting with a list is written. */
const LIST_NODES = new Set(['bulletList', 'orderedList', 'listItem', 'taskList', 'taskItem']);

/** The first text block of a top-level block, descending into lists only (never into tables). */
function firstTextblock(block: Node, pos: number): { node: Node; pos: number } | null {
  if (block.isTextblock) return { node: block, pos };
  if (!LIST_NODES.has(block.type.name) || !block.firstChild) return null;
  return firstTextblock(block.firstChild, pos + 1);
}

/**
 * Where guidance may show in a document: the position of each empty paragraph that starts what
 * follows a heading (itself, or a list's first item), with that heading's text.
 */
export function sectionStarts(doc: Node): Map<number, string> {
  const starts = new Map<number, string>();
  let previous: Node | null = null;
  doc.forEach((block, offset) => {
    if (previous?.type.name === 'heading') {
      const first = firstTextblock(block, offset);
      if (first?.node.type.name === 'paragraph' && first.node.content.size === 0) starts.set(first.pos, previous.textContent);
    }
    previous = block;
  });
  return starts;
}

/** A document with nothing in it but one empty paragraph. */
export const isEmptyDocument = (doc: Node): boolean => doc.childCount === 1 && doc.firstChild!.isTextblock && doc.firstChild!.content.size === 0;

/** The interface language, as a template language. */
function interfaceLanguage(): TemplateLanguage {
  const language = i18next.resolvedLanguage;
  return TEMPLATE_LANGUAGES.find((l) => l === language) ?? 'fr';
}

/** Transaction meta that makes the guidance be drawn again (language or kind changed). */
const REFRESH = new PluginKey('guidanceRefresh');

/** Draws the guidance again: after the interface language (or the document's kind) changed. */
export function refreshGuidance(editor: Editor): void {
  if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(REFRESH, true).setMeta('addToHistory', false));
}

/**
 * Whether a change may move guidance elsewhere than in the blocks it touches: a heading written,
 * renamed or removed, or blocks added or removed (which changes what follows each heading).
 */
function reshapesSections(tr: Transaction, oldState: EditorState, newState: EditorState): boolean {
  if (oldState.doc.childCount !== newState.doc.childCount) return true;
  const touchesHeading = (doc: Node, from: number, to: number): boolean => {
    let found = false;
    doc.nodesBetween(Math.max(0, from), Math.min(to, doc.content.size), (node) => {
      if (node.type.name === 'heading') found = true;
      return false; // top-level blocks only
    });
    return found;
  };
  return getChangedRanges(tr).some(({ oldRange, newRange }) => touchesHeading(oldState.doc, oldRange.from, oldRange.to) || touchesHeading(newState.doc, newRange.from, newRange.to));
}

export interface GuidanceOptions {
  /** The placeholder of an empty document, in the current language. */
  general: () => string;
  /** The document's kind, to match headings against its template only (any template when unknown). */
  kind?: () => DocumentKind | undefined;
  /** The language to show guidance in (default: the interface's). */
  language?: () => TemplateLanguage;
}

/**
 * The Placeholder extension set up for guidance: on every empty section paragraph (not only the
 * one with the caret), for editors only (readers are not writing). Its decorations are updated
 * block by block as TipTap does; a change to headings or to the blocks' sequence, or a language
 * switch, redraws them all, since each one depends on the heading before it.
 */
export function guidancePlaceholder({ general, kind, language = interfaceLanguage }: GuidanceOptions) {
  // What the decorations being built are for: computed once per document state.
  let described: { doc: Node | null; starts: Map<number, string>; empty: boolean } = { doc: null, starts: new Map(), empty: false };
  const describe = (doc: Node) => {
    if (described.doc !== doc) described = { doc, starts: sectionStarts(doc), empty: isEmptyDocument(doc) };
  };
  const textAt = (pos: number): string => {
    if (described.empty) return general();
    const heading = described.starts.get(pos);
    const section = heading === undefined ? null : sectionOfHeading(heading, kind?.());
    return section ? sectionGuidance(section, language()) : '';
  };

  return Placeholder.extend({
    addProseMirrorPlugins() {
      return (this.parent?.() ?? []).map((plugin) => {
        const field = plugin.spec.state;
        if (!field) return plugin;
        return new Plugin({
          ...plugin.spec,
          state: {
            init: (config, state) => {
              describe(state.doc);
              return field.init(config, state);
            },
            apply: (tr, value, oldState, newState) => {
              describe(newState.doc);
              if (tr.getMeta(REFRESH) || (tr.docChanged && reshapesSections(tr, oldState, newState))) return field.init({ schema: newState.schema }, newState);
              return field.apply(tr, value, oldState, newState);
            },
          },
        });
      });
    },

    onCreate() {
      const editor = this.editor;
      const redraw = () => refreshGuidance(editor);
      i18next.on('languageChanged', redraw);
      editor.on('destroy', () => i18next.off('languageChanged', redraw));
    },
  }).configure({
    // Every empty section shows its guidance, wherever the caret is.
    showOnlyCurrent: false,
    includeChildren: true,
    placeholder: ({ pos }) => textAt(pos),
  });
}
