import { describe, expect, it } from 'vitest';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { getSchema } from '@tiptap/core';
import * as Y from 'yjs';
import { schemaExtensions } from '../../shared/editor/extensions';
import { templateFor } from '../../shared/templates';
import { bodyFits } from './bodyFit';

const schema = getSchema(schemaExtensions());

/** A proposal body as the server creates it. */
function proposal(): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment('body');
  prosemirrorJSONToYXmlFragment(schema, templateFor('proposal'), fragment);
  return fragment;
}

const paragraph = (...children: (Y.XmlElement | Y.XmlText)[]) => {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, children);
  return element;
};

describe('whether the editor can build a body', () => {
  it('accepts what the editor writes, the empty body and what concurrent edits leave', () => {
    const body = proposal();
    expect(bodyFits(body)).toBe(true);
    expect(bodyFits(new Y.Doc().getXmlFragment('body'))).toBe(true);
    const list = new Y.XmlElement('bulletList');
    list.insert(0, [new Y.XmlElement('listItem')]); // emptied by two members at once
    const bold = new Y.XmlText();
    body.insert(0, [list, paragraph(bold)]);
    bold.insert(0, 'gras', { 'bold--AbCd1234': {} }); // overlapping marks carry a hash
    expect(bodyFits(body)).toBe(true);
  });

  it('refuses bare text where blocks go, unknown nodes and marks, text in a list, other types', () => {
    const cases: ((body: Y.XmlFragment) => void)[] = [
      (body) => body.insert(0, [new Y.XmlText('hors paragraphe')]),
      (body) => body.insert(0, [new Y.XmlElement('bogus')]),
      (body) => body.insert(1, [paragraph(new Y.XmlElement('image'))]),
      (body) => {
        const text = new Y.XmlText();
        body.insert(0, [paragraph(text)]);
        text.insert(0, 'x', { surligneur: {} });
      },
      (body) => {
        const list = new Y.XmlElement('bulletList');
        list.insert(0, [new Y.XmlText('dans la liste')]);
        body.insert(0, [list]);
      },
      (body) => body.insert(0, [new Y.XmlElement('doc')]),
      (body) => body.insert(0, [new Y.XmlHook('crochet') as unknown as Y.XmlElement]), // a Y.Map, not XML
    ];
    for (const spoil of cases) {
      const body = proposal();
      spoil(body);
      expect(bodyFits(body)).toBe(false);
    }
  });
});
