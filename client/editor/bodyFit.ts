/**
 * Whether the editor can build a document body as it is. y-tiptap throws on text or non-XML
 * content where blocks go, and silently deletes (a write, refused for a reader) an element whose
 * node type, or a text whose mark, the schema does not know. An editor is built on a body only once
 * it fits, so that such a body shows the repair panel instead of being damaged by its readers.
 * The order of an element's content is not checked: honest concurrent edits can leave a list item
 * empty or blocks out of order, which y-tiptap copes with.
 */
import type { Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { editorSchema, markNameOf } from '../../shared/editor/extensions';

/** Whether every node and mark of the body is one the editor can build where it stands. */
export function bodyFits(fragment: Y.XmlFragment, against: Schema = editorSchema()): boolean {
  return fragment.toArray().every((child) => child instanceof Y.XmlElement && elementFits(child, against));
}

function elementFits(element: Y.XmlElement, against: Schema): boolean {
  const type = against.nodes[element.nodeName];
  if (!type || type.isText || type === against.topNodeType) return false;
  return element.toArray().every((child) => {
    if (child instanceof Y.XmlElement) return elementFits(child, against);
    return child instanceof Y.XmlText && type.inlineContent && textFits(child, against);
  });
}

function textFits(text: Y.XmlText, against: Schema): boolean {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).every(
    (op) => typeof op.insert === 'string' && Object.keys(op.attributes ?? {}).every((name) => markNameOf(name) in against.marks),
  );
}
