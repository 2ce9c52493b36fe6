/**
 * Formatting toolbar on one line: the most used tools as icon buttons, the rest (and, on a phone,
 * the less used ones) in a « Plus » menu. Arrow keys move between the tools and Tab leaves the
 * toolbar for the text (Radix Toolbar's roving focus), so the text is one Tab away.
 */
import { useRef, type ReactNode } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { DropdownMenu, Toolbar as Bar } from 'radix-ui';
import {
  Bold,
  Columns3,
  Ellipsis,
  Heading1,
  Heading2,
  Heading3,
  Italic,
  List,
  ListOrdered,
  Quote,
  Redo2,
  Rows3,
  Strikethrough,
  Table,
  Trash2,
  Undo2,
  type LucideIcon,
} from 'lucide-react';
import type { fr } from '../../shared/i18n/fr';
import { PHONE_QUERY, useMediaQuery } from '../app/useMediaQuery';
import { LinkControl } from './LinkControl';

type Label = `toolbar.${keyof typeof fr.toolbar}`;

interface ToolSpec {
  label: Label;
  Icon: LucideIcon;
  run: () => void;
  active?: boolean;
  disabled?: boolean;
  testId: string;
  /** Shown on the bar even on a phone. */
  essential?: boolean;
  /** Shortcut shown in the tooltip and announced (aria-keyshortcuts). */
  keys?: string;
}

function Tool({ spec }: { spec: ToolSpec }) {
  const { t } = useTranslation();
  const name = t(spec.label);
  const Icon = spec.Icon;
  return (
    <Bar.Button
      type="button"
      className="tool"
      aria-label={name}
      title={spec.keys ? `${name} (${spec.keys})` : name}
      aria-keyshortcuts={spec.keys?.replace(/Ctrl/g, 'Control')}
      aria-pressed={spec.active}
      disabled={spec.disabled}
      // Keep the editor's selection: a mouse-down on the button would otherwise blur it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={spec.run}
      data-testid={spec.testId}
    >
      <Icon aria-hidden="true" size={18} strokeWidth={2.2} />
    </Bar.Button>
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

/** The toolbar for an editable document; `children` go at its end (the comment button). */
export function Toolbar({ editor, children }: { editor: Editor; children?: ReactNode }) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE_QUERY);
  const s = useToolbarState(editor);
  const run = () => editor.chain().focus();
  const groups: ToolSpec[][] = [
    [
      { label: 'toolbar.bold', Icon: Bold, active: s.bold, run: () => run().toggleBold().run(), testId: 'toolbar-bold', essential: true, keys: 'Ctrl+B' },
      { label: 'toolbar.italic', Icon: Italic, active: s.italic, run: () => run().toggleItalic().run(), testId: 'toolbar-italic', essential: true, keys: 'Ctrl+I' },
      { label: 'toolbar.strike', Icon: Strikethrough, active: s.strike, run: () => run().toggleStrike().run(), testId: 'toolbar-strike', keys: 'Ctrl+Shift+S' },
    ],
    [
      { label: 'toolbar.h1', Icon: Heading1, active: s.h1, run: () => run().toggleHeading({ level: 1 }).run(), testId: 'toolbar-h1', keys: 'Ctrl+Alt+1' },
      { label: 'toolbar.h2', Icon: Heading2, active: s.h2, run: () => run().toggleHeading({ level: 2 }).run(), testId: 'toolbar-h2', essential: true, keys: 'Ctrl+Alt+2' },
      { label: 'toolbar.h3', Icon: Heading3, active: s.h3, run: () => run().toggleHeading({ level: 3 }).run(), testId: 'toolbar-h3', keys: 'Ctrl+Alt+3' },
    ],
    [
      { label: 'toolbar.bulletList', Icon: List, active: s.bulletList, run: () => run().toggleBulletList().run(), testId: 'toolbar-bullet-list', essential: true, keys: 'Ctrl+Shift+8' },
      { label: 'toolbar.orderedList', Icon: ListOrdered, active: s.orderedList, run: () => run().toggleOrderedList().run(), testId: 'toolbar-ordered-list', keys: 'Ctrl+Shift+7' },
      { label: 'toolbar.blockquote', Icon: Quote, active: s.blockquote, run: () => run().toggleBlockquote().run(), testId: 'toolbar-quote', keys: 'Ctrl+Shift+B' },
    ],
    [{ label: 'toolbar.insertTable', Icon: Table, run: () => run().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), testId: 'toolbar-table' }],
    [
      { label: 'toolbar.undo', Icon: Undo2, disabled: !s.canUndo, run: () => run().undo().run(), testId: 'toolbar-undo', essential: true, keys: 'Ctrl+Z' },
      { label: 'toolbar.redo', Icon: Redo2, disabled: !s.canRedo, run: () => run().redo().run(), testId: 'toolbar-redo', essential: true, keys: 'Ctrl+Shift+Z' },
    ],
  ];
  // Table editing only makes sense inside a table: shown then (on a phone, in the menu), never as dead buttons.
  const tableTools: ToolSpec[] = [
    { label: 'toolbar.addRow', Icon: Rows3, run: () => run().addRowAfter().run(), testId: 'toolbar-add-row' },
    { label: 'toolbar.addColumn', Icon: Columns3, run: () => run().addColumnAfter().run(), testId: 'toolbar-add-column' },
    { label: 'toolbar.deleteRow', Icon: Trash2, run: () => run().deleteRow().run(), testId: 'toolbar-delete-row' },
    { label: 'toolbar.deleteColumn', Icon: Trash2, run: () => run().deleteColumn().run(), testId: 'toolbar-delete-column' },
    { label: 'toolbar.deleteTable', Icon: Trash2, run: () => run().deleteTable().run(), testId: 'toolbar-delete-table' },
  ];
  const onBar = (spec: ToolSpec) => !phone || spec.essential;
  if (s.inTable && !phone) groups.push(tableTools);
  const inMenu = [...groups.flat().filter((spec) => !onBar(spec)), ...(s.inTable && phone ? tableTools : [])];
  return (
    <Bar.Root className="toolbar" aria-label={t('toolbar.label')} data-testid="toolbar" loop={false}>
      {groups.map((group, i) => {
        const shown = group.filter(onBar);
        if (shown.length === 0) return null;
        return (
          <div className="tool-group" key={i}>
            {shown.map((spec) => <Tool key={spec.testId} spec={spec} />)}
            {i === 2 && <LinkControl editor={editor} active={s.link} />}
          </div>
        );
      })}
      {inMenu.length > 0 && <MoreTools tools={inMenu} />}
      {children && <div className="tool-group tool-group-end">{children}</div>}
    </Bar.Root>
  );
}

/** « Plus » : the tools that do not fit on the bar, as a menu (arrow keys, Escape, focus back). */
function MoreTools({ tools }: { tools: ToolSpec[] }) {
  const { t } = useTranslation();
  // A chosen tool puts the focus back in the text; only Escape returns it to the button.
  const chosen = useRef(false);
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <Bar.Button type="button" className="tool" aria-label={t('toolbar.more')} title={t('toolbar.more')} onMouseDown={(e) => e.preventDefault()} data-testid="toolbar-more">
          <Ellipsis aria-hidden="true" size={18} />
        </Bar.Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="start" sideOffset={4} onCloseAutoFocus={(e) => {
            if (chosen.current) e.preventDefault();
            chosen.current = false;
          }}
        >
          {tools.map((spec) => (
            <DropdownMenu.Item key={spec.testId} className="menu-item" disabled={spec.disabled} onSelect={() => {
                chosen.current = true;
                spec.run();
              }} data-testid={spec.testId} data-active={spec.active ? 'true' : undefined}>
              <spec.Icon aria-hidden="true" size={16} />
              <MenuLabel label={spec.label} />
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

function MenuLabel({ label }: { label: Label }) {
  const { t } = useTranslation();
  return <span>{t(label)}</span>;
}
