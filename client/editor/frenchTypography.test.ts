/**
 * French typography through a real TipTap editor (StarterKit and the extension), typed one
 * character at a time. The tests run in Node, without a DOM: the editor is headless, its plugins
 * are installed the way TipTap does when it mounts a view, and each character goes through the
 * plugins' `handleTextInput` as ProseMirror's view does (then the default insertion if none took
 * it), so that the input rules really run.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Editor, type JSONContent } from '@tiptap/core';
import type { EditorView } from '@tiptap/pm/view';
import { schemaExtensions } from '../../shared/editor/extensions';
import { FrenchTypography, NBSP, NNBSP, typographyChange } from './frenchTypography';

// TipTap's keymap asks the platform (iOS or not) of `navigator`, which Node 20 does not have.
beforeAll(() => {
  if (typeof navigator === 'undefined') vi.stubGlobal('navigator', { platform: 'Linux x86_64', userAgent: 'Node.js' });
});
afterAll(() => vi.unstubAllGlobals());

const editors: Editor[] = [];
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()));

/** A headless editor holding `content`, with the cursor at the end of its last block. */
function editorWith(content: JSONContent[] = [{ type: 'paragraph' }], enabled: () => boolean = () => true): Editor {
  const editor = new Editor({
    extensions: [...schemaExtensions(), FrenchTypography.configure({ enabled })],
    content: { type: 'doc', content },
  });
  editors.push(editor);
  // What Editor.createView does once it has a view: the state gets the extensions' plugins.
  editor.view.updateState(editor.state.reconfigure({ plugins: editor.extensionManager.plugins }));
  editor.commands.setTextSelection(editor.state.doc.content.size - 1);
  return editor;
}

/** Types `text` one character at a time, as the view hands keystrokes to plugins. */
function type(editor: Editor, text: string): void {
  for (const char of text) {
    const { from, to } = editor.state.selection;
    const view = editor.view;
    const deflt = () => view.state.tr.insertText(char, from, to);
    const handled = editor.state.plugins.some((plugin) => plugin.props.handleTextInput?.call(plugin, view, from, to, char, deflt));
    if (!handled) view.dispatch(deflt());
  }
}

/** Presses a key, as the view hands key events to plugins (TipTap's keymap binds Backspace). */
function press(editor: Editor, key: string): boolean {
  const event = { key, keyCode: key === 'Backspace' ? 8 : 0, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, preventDefault() {} } as unknown as KeyboardEvent;
  return editor.state.plugins.some((plugin) => plugin.props.handleKeyDown?.call(plugin, editor.view as EditorView, event));
}

const typed = (text: string, editor = editorWith()): string => {
  type(editor, text);
  return editor.state.doc.textContent;
};

describe('French typography as one types', () => {
  it('puts a narrow no-break space before ! ? ;, in place of the space typed or where none was', () => {
    expect(typed('Bonjour !')).toBe(`Bonjour${NNBSP}!`);
    expect(typed('Quoi?')).toBe(`Quoi${NNBSP}?`);
    expect(typed('Vraiment ?!')).toBe(`Vraiment${NNBSP}?!`);
    expect(typed('un ; deux;')).toBe(`un${NNBSP}; deux${NNBSP};`);
  });

  it('puts a no-break space before a colon, but not in times', () => {
    expect(typed('Note :')).toBe(`Note${NBSP}:`);
    expect(typed('Ordre du jour: budget')).toBe(`Ordre du jour${NBSP}: budget`);
    expect(typed('à 12:30')).toBe('à 12:30');
  });

  it('makes guillemets from « » or straight quotes, with no-break spaces inside', () => {
    expect(typed('« citation »')).toBe(`«${NBSP}citation${NBSP}»`);
    expect(typed('«citation»')).toBe(`«${NBSP}citation${NBSP}»`);
    expect(typed('il dit "oui" puis " non "')).toBe(`il dit «${NBSP}oui${NBSP}» puis «${NBSP}non${NBSP}»`);
  });

  it('turns the apostrophe into ’', () => {
    expect(typed("l'équipe d'aujourd'hui")).toBe('l’équipe d’aujourd’hui');
  });

  it('never doubles a space', () => {
    const text = typed('Bonjour  ! « « citation » » Quoi ? !');
    expect(text).toBe(`Bonjour${NNBSP}! «${NBSP}«${NBSP}citation${NBSP}»${NBSP}» Quoi${NNBSP}?${NNBSP}!`);
    expect(text).not.toMatch(/\s{2}/u);
    expect(typed(`Déjà${NBSP}!`)).toBe(`Déjà${NBSP}!`);
  });

  it('leaves addresses alone', () => {
    expect(typed('Voir http://exemple.org/page?q=1;x=2 et https://exemple.org')).toBe('Voir http://exemple.org/page?q=1;x=2 et https://exemple.org');
    expect(typed("www.exemple.org/l'a?")).toBe("www.exemple.org/l'a?");
    expect(typed('mailto:ada@exemple.org')).toBe('mailto:ada@exemple.org');
  });

  it('leaves code alone: a code block, and inline code', () => {
    const block = editorWith([{ type: 'codeBlock', content: [{ type: 'text', text: 'if (x)' }] }]);
    expect(typed(" { alert('Oui !'); }", block)).toBe("if (x) { alert('Oui !'); }");

    const inline = editorWith([{ type: 'paragraph', content: [{ type: 'text', text: 'Lancez ' }, { type: 'text', text: 'npm', marks: [{ type: 'code' }] }] }]);
    type(inline, " run 'test' !");
    expect(inline.state.doc.textContent).toBe("Lancez npm run 'test' !");

    const toggled = editorWith();
    type(toggled, 'Tapez ');
    toggled.commands.toggleCode();
    type(toggled, "'c' a:b;"); // the first one typed with the code mark on, nothing around it in code yet
    expect(toggled.state.doc.textContent).toBe("Tapez 'c' a:b;");
  });

  it('gives back what was typed on Backspace right after a change', () => {
    const editor = editorWith();
    type(editor, 'Bonjour !');
    expect(press(editor, 'Backspace')).toBe(true);
    expect(editor.state.doc.textContent).toBe('Bonjour !');

    type(editor, " l'");
    expect(editor.state.doc.textContent).toBe('Bonjour ! l’');
    press(editor, 'Backspace');
    expect(editor.state.doc.textContent).toBe("Bonjour ! l'");

    // After another keystroke, Backspace no longer undoes the change: the keymap leaves the key
    // to the browser, which deletes the last character as usual.
    type(editor, ' Quoi ?a');
    expect(press(editor, 'Backspace')).toBe(false);
    expect(editor.state.doc.textContent).toBe(`Bonjour ! l' Quoi${NNBSP}?a`);
  });

  it('does nothing while disabled, and follows the setting without a new editor', () => {
    let on = false;
    const editor = editorWith(undefined, () => on);
    type(editor, "Non ! l'équipe « x »");
    expect(editor.state.doc.textContent).toBe("Non ! l'équipe « x »");
    on = true;
    type(editor, ' Oui !');
    expect(editor.state.doc.textContent).toBe(`Non ! l'équipe « x » Oui${NNBSP}!`);
  });

  it('keeps the marks of the text it replaces', () => {
    const editor = editorWith();
    editor.commands.toggleBold();
    type(editor, 'Gras !');
    expect(editor.getJSON().content?.[0]?.content).toEqual([{ type: 'text', text: `Gras${NNBSP}!`, marks: [{ type: 'bold' }] }]);
  });
});

describe('typographyChange', () => {
  it('changes nothing at the start of a paragraph or after other punctuation', () => {
    expect(typographyChange('', '!')).toBeNull();
    expect(typographyChange(' ', '?')).toBeNull();
    expect(typographyChange('Quoi?', '!')).toBeNull();
    expect(typographyChange('', '»')).toBeNull();
    expect(typographyChange('texte', 'a')).toBeNull();
  });

  it('leaves the colon of a URL scheme, whatever its case', () => {
    expect(typographyChange('voir HTTPS', ':')).toBeNull();
    expect(typographyChange('voir ftp', ':')).toBeNull();
    expect(typographyChange('voir Remarque', ':')).toEqual({ replace: 0, insert: `${NBSP}:` });
  });
});
