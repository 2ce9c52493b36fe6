/** Formatting toolbar: marks, headings, lists, quote, link, tables, undo/redo (Yjs undo). */
import type { ReactNode } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import type { fr } from '../../shared/i18n/fr';
import { LinkControl } from './LinkControl';

type Label = `toolbar.${keyof typeof fr.toolbar}`;

interface ToolProps {
  label: Label;
  glyph: string;
  onRun: () => void;
  active?: boolean;
  disabled?: boolean;
  testId: string;
}

function Tool({ label, glyph, onRun, active, disabled, testId }: ToolProps) {
  const { t } = useTranslation();
  const name = t(label);
  return (
    <button
      type="button"
      className="tool"
      aria-label={name}
      title={name}
      aria-pressed={active}
      disabled={disabled}
      // Keep the editor's selection: a mouse-down on the button would otherwise blur it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onRun}
      data-testid={testId}
    >
      <span aria-hidden="true">{glyph}</span>
    </button>
  );
}

function useToolbarState(editor: Editor) {
  return useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      strike: e.isActive('strike'),
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
}

/** The toolbar for an editable document; `children` go in a last group (the comment button). */
export function Toolbar({ editor, children }: { editor: Editor; children?: ReactNode }) {
  const { t } = useTranslation();
  const s = useToolbarState(editor);
  const run = () => editor.chain().focus();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')} data-testid="toolbar">
      <div className="tool-group">
        <Tool label="toolbar.bold" glyph="B" active={s.bold} onRun={() => run().toggleBold().run()} testId="toolbar-bold" />
        <Tool label="toolbar.italic" glyph="I" active={s.italic} onRun={() => run().toggleItalic().run()} testId="toolbar-italic" />
        <Tool label="toolbar.strike" glyph="S" active={s.strike} onRun={() => run().toggleStrike().run()} testId="toolbar-strike" />
      </div>
      <div className="tool-group">
        <Tool label="toolbar.h1" glyph="H1" active={s.h1} onRun={() => run().toggleHeading({ level: 1 }).run()} testId="toolbar-h1" />
        <Tool label="toolbar.h2" glyph="H2" active={s.h2} onRun={() => run().toggleHeading({ level: 2 }).run()} testId="toolbar-h2" />
        <Tool label="toolbar.h3" glyph="H3" active={s.h3} onRun={() => run().toggleHeading({ level: 3 }).run()} testId="toolbar-h3" />
      </div>
      <div className="tool-group">
        <Tool label="toolbar.bulletList" glyph="•" active={s.bulletList} onRun={() => run().toggleBulletList().run()} testId="toolbar-bullet-list" />
        <Tool label="toolbar.orderedList" glyph="1." active={s.orderedList} onRun={() => run().toggleOrderedList().run()} testId="toolbar-ordered-list" />
        <Tool label="toolbar.blockquote" glyph="❝" active={s.blockquote} onRun={() => run().toggleBlockquote().run()} testId="toolbar-quote" />
        <LinkControl editor={editor} active={s.link} />
      </div>
      <div className="tool-group">
        <Tool label="toolbar.insertTable" glyph="⊞" onRun={() => run().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} testId="toolbar-table" />
        <Tool label="toolbar.addRow" glyph="+≡" disabled={!s.inTable} onRun={() => run().addRowAfter().run()} testId="toolbar-add-row" />
        <Tool label="toolbar.addColumn" glyph="+‖" disabled={!s.inTable} onRun={() => run().addColumnAfter().run()} testId="toolbar-add-column" />
        <Tool label="toolbar.deleteRow" glyph="−≡" disabled={!s.inTable} onRun={() => run().deleteRow().run()} testId="toolbar-delete-row" />
        <Tool label="toolbar.deleteColumn" glyph="−‖" disabled={!s.inTable} onRun={() => run().deleteColumn().run()} testId="toolbar-delete-column" />
        <Tool label="toolbar.deleteTable" glyph="⊠" disabled={!s.inTable} onRun={() => run().deleteTable().run()} testId="toolbar-delete-table" />
      </div>
      <div className="tool-group">
        <Tool label="toolbar.undo" glyph="↶" disabled={!s.canUndo} onRun={() => run().undo().run()} testId="toolbar-undo" />
        <Tool label="toolbar.redo" glyph="↷" disabled={!s.canRedo} onRun={() => run().redo().run()} testId="toolbar-redo" />
      </div>
      {children && <div className="tool-group">{children}</div>}
    </div>
  );
}
