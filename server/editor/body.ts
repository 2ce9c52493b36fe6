/** Document bodies on the server: the shared schema, and Yjs states built from ProseMirror JSON. */
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { DocumentKind } from '../../shared/api';
import { editorSchema } from '../../shared/editor/extensions';
import { BODY_FRAGMENT } from '../../shared/rooms';
import { templateFor, type PmNode, type TemplateLanguage } from '../../shared/templates';

export { editorSchema } from '../../shared/editor/extensions';

/** The first stored state of a new document of this kind: its template in that language, as a Yjs update. */
export function initialBody(kind: DocumentKind, language: TemplateLanguage = 'fr'): Uint8Array {
  const doc = new Y.Doc();
  try {
    prosemirrorJSONToYXmlFragment(editorSchema(), templateFor(kind, language), doc.getXmlFragment(BODY_FRAGMENT));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The body of a Y.Doc as ProseMirror JSON. */
export function bodyToJSON(doc: Y.Doc): PmNode {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(BODY_FRAGMENT)) as PmNode;
}

/** Plain text of a ProseMirror JSON tree, blocks separated by newlines (for tests and search). */
export function plainText(node: PmNode): string {
  if (node.text !== undefined) return node.text;
  const parts = (node.content ?? []).map(plainText);
  return node.type === 'doc' || node.type === 'tableRow' || node.content?.some((c) => c.text === undefined) ? parts.join('\n') : parts.join('');
}
