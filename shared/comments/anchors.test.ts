import { getSchema } from '@tiptap/core';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { schemaExtensions } from '../editor/extensions';
import { encodeRange, resolveRange, type EncodedRange } from './anchors';

const schema = getSchema(schemaExtensions());

/** A body of one paragraph per string, in a fresh Y.Doc. */
function body(...paragraphs: string[]): Y.XmlFragment {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('body');
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })) }, fragment);
  return fragment;
}

/** The text a stored passage covers now, or null when detached. */
function passage(fragment: Y.XmlFragment, encoded: EncodedRange): string | null {
  const { doc, mapping } = initProseMirrorDoc(fragment, schema);
  const range = resolveRange(fragment, mapping, encoded);
  return range && doc.textBetween(range.from, range.to, '\n');
}

/** Anchors the first occurrence of `text`. */
function anchor(fragment: Y.XmlFragment, text: string): EncodedRange {
  const { doc, mapping } = initProseMirrorDoc(fragment, schema);
  let from = -1;
  doc.descendants((node, pos) => {
    if (from === -1 && node.isText && node.text!.includes(text)) from = pos + node.text!.indexOf(text);
  });
  return encodeRange(fragment, mapping, { from, to: from + text.length });
}

const paragraphText = (fragment: Y.XmlFragment, index: number) => (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;

describe('comment anchors', () => {
  it('keeps a passage when text is typed before it, after it and inside it', () => {
    const fragment = body('Intro', 'Le budget prévisionnel est joint.');
    const encoded = anchor(fragment, 'budget prévisionnel');
    const text = paragraphText(fragment, 1);
    text.insert(0, 'Note : ');
    text.insert(text.toString().indexOf('budget'), 'AVANT ');
    text.insert(text.toString().indexOf('prévisionnel') + 'prévisionnel'.length, ' APRES');
    text.insert(text.toString().indexOf('prévisionnel'), 'très ');
    paragraphText(fragment, 0).insert(0, 'Titre long ');
    expect(passage(fragment, encoded)).toBe('budget très prévisionnel');
  });

  it('shrinks with partial deletion and detaches when the passage is deleted', () => {
    const fragment = body('Le budget prévisionnel est joint.');
    const encoded = anchor(fragment, 'budget prévisionnel');
    const text = paragraphText(fragment, 0);
    text.delete(text.toString().indexOf('budget'), 'budget '.length);
    expect(passage(fragment, encoded)).toBe('prévisionnel');
    text.delete(text.toString().indexOf('prévisionnel'), 'prévisionnel'.length);
    expect(passage(fragment, encoded)).toBeNull();
  });

  it('detaches when the whole paragraph is deleted', () => {
    const fragment = body('Avant', 'Le budget prévisionnel est joint.', 'Après');
    const encoded = anchor(fragment, 'budget');
    fragment.delete(1, 1);
    expect(passage(fragment, encoded)).toBeNull();
  });

  it('keeps a passage at the very start of the document when the text before it goes', () => {
    const fragment = body('avant PASSAGE apres', 'suite');
    const encoded = anchor(fragment, 'PASSAGE');
    paragraphText(fragment, 0).delete(0, 'avant '.length);
    expect(passage(fragment, encoded)).toBe('PASSAGE');
    const first = body('Début du texte');
    expect(passage(first, anchor(first, 'Début'))).toBe('Début');
  });

  it('spans paragraphs', () => {
    const fragment = body('Premier paragraphe', 'Second paragraphe');
    const { doc, mapping } = initProseMirrorDoc(fragment, schema);
    const encoded = encodeRange(fragment, mapping, { from: 1 + 'Premier '.length, to: doc.content.size - 1 - ' paragraphe'.length });
    paragraphText(fragment, 0).insert(0, 'Le ');
    expect(passage(fragment, encoded)).toBe('paragraphe\nSecond');
  });

  it('resolves the same in a replica that received the edits', () => {
    const fragment = body('Le budget prévisionnel est joint.');
    const encoded = anchor(fragment, 'prévisionnel');
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(fragment.doc!));
    paragraphText(replica.getXmlFragment('body'), 0).insert(0, 'Voici : ');
    expect(passage(replica.getXmlFragment('body'), encoded)).toBe('prévisionnel');
  });
});
