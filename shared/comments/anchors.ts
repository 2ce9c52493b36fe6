/**
 * Comment anchors: where a thread's passage sits in a document body, kept as two Yjs relative
 * positions so that concurrent edits anywhere (around the passage or inside it) keep the thread on
 * its passage. Character offsets would drift with every edit made before the passage.
 *
 * The start sticks to the passage's first character and the end to its last one, so text typed
 * just before or just after the passage does not join it, while text typed inside it does. When
 * every character of the passage is deleted the two positions meet and the thread is detached
 * (its quote still says what it was about).
 *
 * Conversion between ProseMirror positions and Yjs positions is y-tiptap's; it needs the binding's
 * mapping from Yjs types to ProseMirror nodes (the editor's sync plugin has it; `initProseMirrorDoc`
 * builds one outside an editor).
 */
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';

/** y-tiptap's map from Yjs types to the ProseMirror nodes made from them. */
export type ProsemirrorMapping = Parameters<typeof absolutePositionToRelativePosition>[2];

/** The two encoded ends of a passage. */
export interface EncodedRange {
  start: string;
  end: string;
}

/** A passage in ProseMirror positions, `from < to`. */
export interface PassageRange {
  from: number;
  to: number;
}

/** Yjs position of a ProseMirror position; `assoc` 0 sticks to the character after, -1 to the one before. */
function relativeAt(fragment: Y.XmlFragment, mapping: ProsemirrorMapping, pos: number, assoc: 0 | -1): Y.RelativePosition {
  const relative = absolutePositionToRelativePosition(pos, fragment, mapping) as Y.RelativePosition;
  if (assoc === -1 || fragment.doc === null) return relative; // y-tiptap's positions stick backwards
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, fragment.doc);
  if (absolute && absolute.type instanceof Y.XmlText) return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0);
  return relative;
}

/** Encodes a passage of the body for storing with a thread. */
export function encodeRange(fragment: Y.XmlFragment, mapping: ProsemirrorMapping, range: PassageRange): EncodedRange {
  if (!(range.from < range.to)) throw new RangeError('a passage needs at least one character');
  return {
    start: toBase64(Y.encodeRelativePosition(relativeAt(fragment, mapping, range.from, 0))),
    end: toBase64(Y.encodeRelativePosition(relativeAt(fragment, mapping, range.to, -1))),
  };
}

/** Decodes one stored position; null when it is not a relative position at all. */
export function decodePosition(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/**
 * Where a stored passage is now, or null when it is detached: its text was deleted entirely, or
 * its positions do not resolve in this body.
 */
export function resolveRange(fragment: Y.XmlFragment, mapping: ProsemirrorMapping, encoded: EncodedRange): PassageRange | null {
  const doc = fragment.doc;
  const start = decodePosition(encoded.start);
  const end = decodePosition(encoded.end);
  if (doc === null || start === null || end === null) return null;
  const from = pmPosition(fragment, mapping, start);
  const to = pmPosition(fragment, mapping, end);
  if (from === null || to === null || !(from < to)) return null;
  return { from, to };
}

/**
 * The ProseMirror position of a Yjs position. Inside text it is the text's start plus the offset:
 * y-tiptap refuses any text position that resolves to the document's first position (a guard of
 * its own selection handling), which would detach every passage starting the document.
 */
function pmPosition(fragment: Y.XmlFragment, mapping: ProsemirrorMapping, position: Y.RelativePosition): number | null {
  const doc = fragment.doc!;
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (absolute === null) return null;
  const text = absolute.type;
  const parent = text._item?.parent;
  if (!(text instanceof Y.XmlText) || !(parent instanceof Y.XmlElement || parent instanceof Y.XmlFragment)) {
    return relativePositionToAbsolutePosition(doc, fragment, position, mapping);
  }
  const childIndex = parent.toArray().indexOf(text);
  if (childIndex === -1) return null; // the text itself was deleted
  const textStart = relativePositionToAbsolutePosition(doc, fragment, Y.createRelativePositionFromTypeIndex(parent, childIndex, 0), mapping);
  return textStart === null ? null : textStart + absolute.index;
}
