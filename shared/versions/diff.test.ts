import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { schemaExtensions } from '../editor/extensions';
import type { PmNode } from '../templates';
import { diffDocuments, hasChanges, type DiffBlock, type DocumentDiff } from './diff';

type Mark = NonNullable<PmNode['marks']>[number];
const text = (value: string, ...marks: Mark[]): PmNode => ({ type: 'text', text: value, ...(marks.length ? { marks } : {}) });
const p = (...content: (string | PmNode)[]): PmNode => ({ type: 'paragraph', content: content.map((c) => (typeof c === 'string' ? text(c) : c)) });
const h = (level: number, value: string): PmNode => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const doc = (...content: PmNode[]): PmNode => ({ type: 'doc', content });
const bold: Mark = { type: 'bold' };
const cell = (value: string): PmNode => ({ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [p(value)] });
const table = (rows: string[][]): PmNode => ({ type: 'table', content: rows.map((row) => ({ type: 'tableRow', content: row.map(cell) })) });

const schema = getSchema(schemaExtensions());
/** Every document used here is valid in the one editor schema (a typo in a fixture would test nothing). */
function diff(before: PmNode, after: PmNode): DocumentDiff {
  schema.nodeFromJSON(before).check();
  schema.nodeFromJSON(after).check();
  return diffDocuments(before, after);
}

/** A block as `[change, "text with +inserted+ and -deleted- and ~reformatted~ runs"]`, easy to read in a failure. */
const show = (block: DiffBlock): [string, string] => [
  block.change,
  block.segments.map((s) => ({ equal: s.text, insert: `+${s.text}+`, delete: `-${s.text}-`, format: `~${s.text}~` })[s.change]).join(''),
];

describe('diffDocuments', () => {
  it('finds nothing between identical documents', () => {
    const a = doc(h(1, 'Projet'), p('Un jardin partagé.'));
    const result = diff(a, structuredClone(a));
    expect(hasChanges(result)).toBe(false);
    expect(result.blocks.map(show)).toEqual([['equal', 'Projet'], ['equal', 'Un jardin partagé.']]);
    expect(result.stats).toEqual({ insertions: 0, deletions: 0, formatChanges: 0, moves: 0 });
  });

  it('marks inserted words inside a paragraph, and an inserted paragraph', () => {
    const result = diff(doc(p('Le budget est prêt.')), doc(p('Le budget prévisionnel est prêt.'), p('Annexe jointe.')));
    expect(result.blocks.map(show)).toEqual([
      ['modified', 'Le budget +prévisionnel +est prêt.'],
      ['insert', '+Annexe jointe.+'],
    ]);
    expect(result.stats.insertions).toBe(2);
  });

  it('marks deleted words and a deleted paragraph where it stood', () => {
    const result = diff(doc(h(2, 'Budget'), p('Premier point.'), p('Total : 12 000 euros par an.')), doc(h(2, 'Budget'), p('Total : 12 000 euros.')));
    expect(result.blocks.map(show)).toEqual([
      ['equal', 'Budget'],
      ['delete', '-Premier point.-'],
      ['modified', 'Total : 12 000 euros- par an-.'],
    ]);
    expect(result.stats.deletions).toBe(2);
  });

  it('reports a moved paragraph as one move, not as unrelated changes', () => {
    const result = diff(doc(p('Alpha.'), p('Bravo.'), p('Charlie.')), doc(p('Bravo.'), p('Charlie.'), p('Alpha.')));
    expect(result.blocks.map(show)).toEqual([
      ['moved_from', '-Alpha.-'],
      ['equal', 'Bravo.'],
      ['equal', 'Charlie.'],
      ['moved_to', '+Alpha.+'],
    ]);
    expect(result.blocks[0]!.moveId).toBe(result.blocks[3]!.moveId);
    expect(result.stats).toMatchObject({ moves: 1, insertions: 0, deletions: 0 });
  });

  it('notes formatting changes with the marks before and after, without calling them edits', () => {
    const result = diff(doc(p('Un montant de 5 000 euros.')), doc(p('Un montant de ', text('5 000 euros', bold), '.')));
    expect(result.blocks.map(show)).toEqual([['modified', 'Un montant de ~5 000 euros~.']]);
    const changed = result.blocks[0]!.segments.find((s) => s.change === 'format')!;
    expect(changed).toMatchObject({ marks: [{ type: 'bold' }], oldMarks: [] });
    expect(result.stats).toEqual({ insertions: 0, deletions: 0, formatChanges: 1, moves: 0 });
  });

  it('notes a changed link target as a formatting change', () => {
    const link = (href: string): Mark => ({ type: 'link', attrs: { href, target: '_blank', rel: null, class: null } });
    const result = diff(doc(p(text('le site', link('https://a.example')))), doc(p(text('le site', link('https://b.example')))));
    expect(result.blocks[0]!.segments[0]).toMatchObject({ change: 'format', marks: [{ attrs: { href: 'https://b.example' } }], oldMarks: [{ attrs: { href: 'https://a.example' } }] });
  });

  it('shows which table cell changed, with its row and column', () => {
    const before = doc(table([['Poste', 'Montant'], ['Loyer', '4 000'], ['Matériel', '1 500']]));
    const after = doc(table([['Poste', 'Montant'], ['Loyer', '4 500'], ['Matériel', '1 500']]));
    const result = diff(before, after);
    const changed = result.blocks.filter((b) => b.change !== 'equal');
    expect(changed.map(show)).toEqual([['modified', '4 -000-+500+']]);
    expect(changed[0]!.context).toEqual([{ type: 'table' }, { type: 'tableRow', index: 2 }, { type: 'tableCell', index: 2 }]);
    expect(result.blocks).toHaveLength(6);
  });

  it('shows a split paragraph as the first half kept and the second inserted', () => {
    const result = diff(doc(p('Premier. Second.')), doc(p('Premier.'), p('Second.')));
    expect(result.blocks.map(show)).toEqual([
      ['modified', 'Premier.- Second.-'],
      ['insert', '+Second.+'],
    ]);
  });
});
