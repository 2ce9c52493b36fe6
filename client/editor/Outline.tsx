/** Sidebar listing the document's headings; a click scrolls to the heading and puts the cursor in it. */
import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { outlineOf, sameOutline, type OutlineHeading } from './outline';

function goTo(editor: Editor, heading: OutlineHeading): void {
  const node = editor.state.doc.nodeAt(heading.pos);
  if (!node) return;
  // End of the heading's text: ready to continue writing in that section.
  editor.chain().focus().setTextSelection(heading.pos + node.nodeSize - 1).run();
  const dom = editor.view.nodeDOM(heading.pos);
  if (dom instanceof HTMLElement) dom.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

/** The outline navigation of the editor page. */
export function Outline({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const headings = useEditorState({
    editor,
    selector: ({ editor: e }) => outlineOf(e.state.doc),
    equalityFn: (a, b) => (a === null || b === null ? a === b : sameOutline(a, b)),
  });

  return (
    <nav className="outline" aria-label={t('editor.outline')} data-testid="outline">
      <h2 className="sidebar-title">{t('editor.outline')}</h2>
      {headings.length === 0 ? (
        <p className="muted">{t('editor.outlineEmpty')}</p>
      ) : (
        <ol>
          {/* Keyed by rank, not position: an edit above a heading must not replace its button (and drop the focus on it). */}
          {headings.map((heading, rank) => (
            <li key={rank} className={`outline-level-${heading.level}`}>
              <button type="button" className="outline-item" onClick={() => goTo(editor, heading)} data-testid="outline-item">
                {heading.text || '…'}
              </button>
            </li>
          ))}
        </ol>
      )}
    </nav>
  );
}
