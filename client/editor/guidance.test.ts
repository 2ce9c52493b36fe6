import { describe, expect, it } from 'vitest';
import { Node } from '@tiptap/pm/model';
import { editorSchema } from '../../shared/editor/extensions';
import { templateFor, type PmNode } from '../../shared/templates';
import { isEmptyDocument, sectionStarts } from './guidance';

const schema = editorSchema();
const docOf = (json: PmNode) => Node.fromJSON(schema, json);
const text = (value: string): PmNode => ({ type: 'text', text: value });
const h = (value: string): PmNode => ({ type: 'heading', attrs: { level: 2 }, content: [text(value)] });
const p = (value?: string): PmNode => ({ type: 'paragraph', ...(value ? { content: [text(value)] } : {}) });

describe('where guidance shows', () => {
  it('is the empty first block after each heading of a template, lists included', () => {
    const doc = docOf(templateFor('meeting', 'fr'));
    const starts = sectionStarts(doc);
    expect([...starts.values()]).toEqual(['Compte rendu de réunion', 'Ordre du jour', 'Décisions', 'Actions à mener']);
    for (const pos of starts.keys()) {
      const node = doc.nodeAt(pos)!;
      expect([node.type.name, node.content.size]).toEqual(['paragraph', 0]);
    }
    // « Ordre du jour » starts with a list: its guidance goes in the first item's paragraph.
    const agenda = [...starts].find(([, heading]) => heading === 'Ordre du jour')![0];
    expect(doc.resolve(agenda).parent.type.name).toBe('listItem');
  });

  it('goes once the paragraph has text, and never to a paragraph that does not follow a heading', () => {
    const doc = docOf({ type: 'doc', content: [h('Contexte'), p('Notre territoire.'), p(), h('Budget'), p(), p()] });
    expect([...sectionStarts(doc).entries()]).toEqual([[doc.child(0).nodeSize + doc.child(1).nodeSize + doc.child(2).nodeSize + doc.child(3).nodeSize, 'Budget']]);
    const emptyHeading: PmNode = { type: 'heading', attrs: { level: 3 } };
    const withHeading = docOf({ type: 'doc', content: [h('Contexte'), emptyHeading, p('Texte.')] });
    expect(sectionStarts(withHeading).size).toBe(0); // an empty heading is not where to write the section
  });

  it('is not put in a table right after a heading, even in an emptied cell', () => {
    const cell = (type: string): PmNode => ({ type, content: [p()] });
    const table: PmNode = { type: 'table', content: [{ type: 'tableRow', content: [cell('tableHeader'), cell('tableHeader')] }] };
    expect(sectionStarts(docOf({ type: 'doc', content: [h('Budget'), table, p()] })).size).toBe(0);
  });

  it('is the general placeholder in an empty document only', () => {
    expect(isEmptyDocument(docOf(templateFor('note')))).toBe(true);
    expect(isEmptyDocument(docOf(templateFor('charter')))).toBe(false);
    expect(isEmptyDocument(docOf({ type: 'doc', content: [p('Un mot.')] }))).toBe(false);
    expect(isEmptyDocument(docOf({ type: 'doc', content: [p(), p()] }))).toBe(false);
  });
});
