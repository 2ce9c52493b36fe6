/**
 * The TipTap editor bound to a collaborative body: the shared schema plus client behaviour
 * (Yjs binding and undo, remote carets with names, placeholder). Mounted only once the body
 * is ready, so an empty editor never writes a stray paragraph over a document still loading.
 */
import { useEffect, useRef } from 'react';
import { useEditor, EditorContent, type Editor } from '@tiptap/react';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TrailingNode } from '@tiptap/extensions';
import { Plugin } from '@tiptap/pm/state';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { useTranslation } from 'react-i18next';
import type { DocumentKind, DocumentLanguage, MemberSummary } from '../../shared/api';
import { schemaExtensions } from '../../shared/editor/extensions';
import { BODY_FRAGMENT } from '../../shared/rooms';
import { CommentHighlights } from '../comments/commentHighlights';
import { Spotlight } from '../presence/spotlight';
import { guidancePlaceholder, refreshGuidance } from './guidance';
import { FrenchTypography } from './frenchTypography';
import { GuardedCollaboration } from './guardedCollaboration';
import { sectionAt } from './outline';

interface Props {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: MemberSummary;
  editable: boolean;
  /** Receives the editor once created (and null when it goes away). */
  onEditor: (editor: Editor | null) => void;
  /** The body holds content the shared schema does not allow (the editor must not be used). */
  onBodyError: () => void;
  /** The document's kind: which template's guidance its empty sections show. */
  kind?: DocumentKind;
  /** The language of the document's text: the editor element's `lang` (French by default). */
  language?: DocumentLanguage;
  /** The document's French typography switch; it applies only while `language` is 'fr' (on by default). */
  typography?: boolean;
}

/**
 * An empty paragraph after a final table or list, so that one can click below it and write; added
 * only while the editor is editable: a reader's editor must never change the document (the server
 * would refuse the change and close the connection).
 */
const EditorTrailingNode = TrailingNode.extend({
  addProseMirrorPlugins() {
    const editor = this.editor;
    return (this.parent?.() ?? []).map(
      (plugin) =>
        new Plugin({
          ...plugin.spec,
          appendTransaction: (transactions, oldState, state) => (editor.isEditable ? plugin.spec.appendTransaction?.(transactions, oldState, state) : undefined),
        }),
    );
  },
});

/** The editor area; `data-testid="editor"` is on its container. */
export function CollaborativeEditor({ doc, provider, user, editable, onEditor, onBodyError, kind, language = 'fr', typography = true }: Props) {
  const { t, i18n } = useTranslation();
  // The placeholder is read when drawn, so a language switch applies without a new editor.
  const tRef = useRef(t);
  tRef.current = t;
  const kindRef = useRef(kind);
  kindRef.current = kind;
  const onBodyErrorRef = useRef(onBodyError);
  onBodyErrorRef.current = onBodyError;
  // Read at each keystroke, so that a change of setting (live, by anyone) needs no new editor.
  const frenchTypographyRef = useRef(false);
  frenchTypographyRef.current = language === 'fr' && typography;

  const editor = useEditor(
    {
      extensions: [
        ...schemaExtensions(),
        GuardedCollaboration.configure({ document: doc, field: BODY_FRAGMENT }),
        CollaborationCaret.configure({ provider, user: { id: user.id, name: user.name, color: user.color } }),
        guidancePlaceholder({ general: () => tRef.current('editor.placeholder'), kind: () => kindRef.current }),
        EditorTrailingNode,
        Spotlight,
        CommentHighlights,
        FrenchTypography.configure({ enabled: () => frenchTypographyRef.current }),
      ],
      editable,
      // The binding failed on the body (guardedCollaboration.ts): stop the editor, since typing into
      // it would write its stale copy back over the body. In a microtask (before any input event),
      // since it may come while the editor is being built, in a render. TipTap's own content check
      // (`enableContentCheck`) is left off: it refuses what honest concurrent edits leave (an empty
      // list item), which y-tiptap copes with.
      onContentError: ({ editor: failed }) =>
        queueMicrotask(() => {
          if (!failed.isDestroyed) failed.setEditable(false);
          onBodyErrorRef.current();
        }),
      editorProps: {
        // A rich text field to assistive technologies, as a textarea would be.
        attributes: { class: 'prose', role: 'textbox', 'aria-multiline': 'true', 'aria-label': t('editor.documentLabel'), spellcheck: 'true', lang: language },
      },
    },
    [doc, provider],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    editor?.view.dom.setAttribute('aria-label', t('editor.documentLabel'));
  }, [editor, t]);

  // The attributes above are read once, when the editor is made: a later change of language lands here.
  useEffect(() => {
    editor?.view.dom.setAttribute('lang', language);
  }, [editor, language]);

  // Guidance is drawn in the interface's language for the document's kind: redraw when either changes.
  const interfaceLanguage = i18n.resolvedLanguage;
  useEffect(() => {
    if (editor) refreshGuidance(editor);
  }, [editor, interfaceLanguage, kind]);

  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  usePublishSection(editor, provider);

  return <EditorContent editor={editor} className="editor" data-testid="editor" data-editable={editable} />;
}

/** Publishes in awareness the heading the local selection is under, for others' presence bar. */
function usePublishSection(editor: Editor | null, provider: WebsocketProvider): void {
  useEffect(() => {
    if (!editor) return;
    let last: string | null | undefined;
    const publish = () => {
      const section = sectionAt(editor.state.doc, editor.state.selection.from);
      if (section === last) return;
      last = section;
      provider.awareness.setLocalStateField('section', section);
    };
    publish();
    editor.on('selectionUpdate', publish);
    editor.on('update', publish);
    return () => {
      editor.off('selectionUpdate', publish);
      editor.off('update', publish);
    };
  }, [editor, provider]);
}
